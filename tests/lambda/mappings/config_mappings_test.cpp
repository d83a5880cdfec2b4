#include "lambda/mappings/config_mappings.hpp"

#include <gtest/gtest.h>

#include "tests/lambda/poller/fake_handler.hpp"

namespace kinesisd::lambda {
namespace {

using nlohmann::json;

std::string error_of(const json& entry) {
  try {
    config_mapping_request("kinesisd.json", "event_source_mappings[0]", entry, "us-east-1",
                           "000000000000");
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(ConfigMappings, StreamAndHandlerStandForTheArnAndTheFunction) {
  const auto body = config_mapping_request(
      "kinesisd.json", "event_source_mappings[0]",
      {{"stream", "ctr"}, {"handler", "enrich"}, {"BatchSize", 5}}, "eu-west-1", "123456789012");
  EXPECT_EQ(body["EventSourceArn"], "arn:aws:kinesis:eu-west-1:123456789012:stream/ctr");
  EXPECT_EQ(body["FunctionName"], "enrich");
  EXPECT_FALSE(body.contains("stream"));
  EXPECT_FALSE(body.contains("handler"));
}

TEST(ConfigMappings, ErrorsNameTheFileTheKeyAndTheReason) {
  EXPECT_EQ(error_of({{"stream", "a"}, {"handler", "h"}, {"Batch", 5}}),
            "kinesisd.json: event_source_mappings[0].Batch: unknown key (mapping keys are "
            "Lambda's CreateEventSourceMapping parameters, plus stream and handler)");
  EXPECT_EQ(error_of({{"handler", "h"}}),
            "kinesisd.json: event_source_mappings[0]: names no stream (\"stream\" or "
            "\"EventSourceArn\")");
  EXPECT_EQ(error_of({{"stream", "bad name"}, {"handler", "h"}}),
            "kinesisd.json: event_source_mappings[0].stream: must be a stream name");
}

TEST(ConfigMappings, ABadParameterIsNamedOnItsOwn) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  poller::testing::make_stream(store, "ctr", 1);
  handler::HandlerRegistry handlers({"http://127.0.0.1:1", "us-east-1", "000000000000"});
  handlers.add(std::make_shared<poller::testing::FakeHandler>("enrich"));
  poller::Poller poller(store, handlers);
  config::ConfigFile file;
  file.path = "kinesisd.json";
  file.mappings = {{{"stream", "ctr"}, {"handler", "enrich"}, {"BatchSize", 0}}};
  try {
    create_config_mappings(file, poller, "us-east-1", "000000000000");
    FAIL() << "accepted";
  } catch (const config::ConfigError& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with(
        "kinesisd.json: event_source_mappings[0].BatchSize: 1 validation error detected"))
        << e.what();
  }
  file.mappings = {{{"stream", "ctr"}, {"handler", "enrich"}, {"StartingPosition", "LATEST"}}};
  create_config_mappings(file, poller, "us-east-1", "000000000000");
  EXPECT_EQ(poller.list().size(), 1u);
}

}  // namespace
}  // namespace kinesisd::lambda
