#include "lambda/handler/handler_registry.hpp"

#include <gtest/gtest.h>

namespace kinesisd::handler {
namespace {

std::string error_key(const nlohmann::json& spec) {
  HandlerRegistry r({"http://127.0.0.1:1", "us-east-1", "000000000000"});
  try {
    r.add("h", spec);
  } catch (const SpecError& e) {
    return e.key;
  }
  return "(accepted)";
}

TEST(HandlerRegistry, BuildsEachKindByName) {
  HandlerRegistry r({"http://127.0.0.1:1", "us-east-1", "000000000000"});
  r.add("p", {{"type", "process"}, {"command", {"cat"}}});
  r.add("h", {{"type", "http"},
              {"url", "http://127.0.0.1:9000/2015-03-31/functions/function/invocations"}});
  r.add("s", {{"type", "shared_library"},
              {"path", KINESISD_AUDIT_PLUGIN},
              {"config", {{"path", "/dev/null"}}}});
  ASSERT_TRUE(r.find("p"));
  EXPECT_EQ(r.find("p")->handler->name(), "p");
  EXPECT_EQ(r.find("p")->role_arn, "arn:aws:iam::000000000000:role/kinesisd-handler");
  EXPECT_TRUE(r.find("h"));
  EXPECT_TRUE(r.find("s"));
  EXPECT_FALSE(r.find("nope"));
}

TEST(HandlerRegistry, NamesTheKeyThatIsWrong) {
  EXPECT_EQ(error_key({{"command", {"cat"}}}), "type");
  EXPECT_EQ(error_key({{"type", "lambda"}}), "type");
  EXPECT_EQ(error_key({{"type", "process"}}), "command");
  EXPECT_EQ(error_key({{"type", "process"}, {"command", nlohmann::json::array()}}), "command");
  EXPECT_EQ(error_key({{"type", "process"}, {"command", {"cat"}}, {"timeout_ms", 0}}),
            "timeout_ms");
  EXPECT_EQ(error_key({{"type", "process"}, {"command", {"cat"}}, {"env", {{"A", 1}}}}), "env.A");
  EXPECT_EQ(error_key({{"type", "http"}, {"url", "https://x/"}}), "url");
  EXPECT_EQ(error_key({{"type", "shared_library"}, {"path", "/nope.so"}}), "path");
  EXPECT_EQ(error_key({{"type", "process"}, {"command", {"cat"}}, {"role", 5}}), "role");
}

}  // namespace
}  // namespace kinesisd::handler
