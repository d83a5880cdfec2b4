#include "observability/log_format.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace kinesisd::observability {
namespace {

TEST(LogFormat, JsonLinesEscapeTheMessage) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  auto logger = std::make_shared<spdlog::logger>("test", sink);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);
  set_log_format("json");
  spdlog::info("a \"quoted\"\tline\\with\nbreaks");
  spdlog::set_default_logger(previous);
  const auto doc = nlohmann::json::parse(out.str());
  EXPECT_EQ(doc["msg"], "a \"quoted\"\tline\\with\nbreaks");
  EXPECT_EQ(doc["level"], "info");
  EXPECT_TRUE(doc["time"].get<std::string>().ends_with("Z"));
}

TEST(LogFormat, RefusesUnknownFormats) {
  EXPECT_THROW(set_log_format("xml"), std::invalid_argument);
  EXPECT_NO_THROW(set_log_format("text"));
}

}  // namespace
}  // namespace kinesisd::observability
