#include "lambda/handler/shared_library_handler.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kinesisd::handler {
namespace {

const char* kEvent =
    R"({"Records":[{"kinesis":{"partitionKey":"k1","data":"eA=="},"eventID":"shardId-000000000000:1"},)"
    R"({"kinesis":{"partitionKey":"poison","data":"eQ=="},"eventID":"shardId-000000000000:2"}]})";

TEST(SharedLibraryHandler, LoadsThePluginAndInvokesIt) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("kinesisd-audit-" + std::to_string(::getpid()) + ".log");
  std::filesystem::remove(path);
  std::atomic<bool> cancel{false};
  {
    SharedLibraryHandler h("audit", KINESISD_AUDIT_PLUGIN,
                           nlohmann::json{{"path", path.string()}}.dump());
    const auto ok = h.invoke(kEvent, cancel);
    EXPECT_TRUE(ok.succeeded()) << ok.error;
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find(" shardId-000000000000:1 k1 eA==\n"), std::string::npos);
  EXPECT_NE(text.str().find(" shardId-000000000000:2 poison eQ==\n"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(SharedLibraryHandler, AFunctionErrorCarriesThePluginsResponse) {
  std::atomic<bool> cancel{false};
  SharedLibraryHandler h("audit", KINESISD_AUDIT_PLUGIN,
                         R"({"path":"/dev/null","fail_partition_key":"poison"})");
  const auto r = h.invoke(kEvent, cancel);
  EXPECT_FALSE(r.succeeded());
  EXPECT_NE(r.error.find("poison record"), std::string::npos);
}

TEST(SharedLibraryHandler, RefusesWhatItCannotUse) {
  EXPECT_THROW(SharedLibraryHandler("x", "/no/such/lib.so", "{}"), std::runtime_error);
  try {
    SharedLibraryHandler("x", KINESISD_AUDIT_PLUGIN, "{}");
    FAIL() << "init accepted a config without path";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("needs {\"path\""), std::string::npos);
  }
  // A library that is not a plugin (no entry symbol).
  EXPECT_THROW(SharedLibraryHandler("x", "libm.so.6", "{}"), std::runtime_error);
}

}  // namespace
}  // namespace kinesisd::handler
