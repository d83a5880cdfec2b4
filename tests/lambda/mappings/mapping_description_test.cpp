#include "lambda/mappings/mapping_description.hpp"

#include <gtest/gtest.h>

#include "tests/lambda/poller/fake_handler.hpp"

namespace kinesisd::lambda {
namespace {

using poller::testing::FakeHandler;
using poller::testing::make_stream;

std::shared_ptr<poller::EventSourceMapping> start(log::StreamStore& store,
                                                  const log::Stream& stream,
                                                  std::shared_ptr<FakeHandler> handler,
                                                  nlohmann::json extra) {
  nlohmann::json body = {{"EventSourceArn", stream.arn()}, {"FunctionName", "fake"}};
  body.update(extra);
  const auto config = poller::testing::config_of(body, store.clock().now_ms());
  auto m = std::make_shared<poller::EventSourceMapping>(
      "uuid", "us-east-1", "000000000000", config, handler::Registered{handler, "role"}, store);
  m->start();
  return m;
}

TEST(MappingDescription, DescribesAMappingInLambdasShape) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  auto stream = make_stream(store, "s", 2);
  auto handler = std::make_shared<FakeHandler>();
  auto m = start(store, *stream, handler,
                 {{"StartingPosition", "TRIM_HORIZON"},
                  {"BatchSize", 5},
                  {"DestinationConfig", {{"OnFailure", {{"Destination", "file:///tmp/x"}}}}}});
  const auto d = describe_mapping(*m);
  EXPECT_EQ(d["UUID"], "uuid");
  EXPECT_EQ(d["BatchSize"], 5);
  EXPECT_EQ(d["State"], "Enabled");
  EXPECT_EQ(d["LastProcessingResult"], "No records processed");
  EXPECT_EQ(d["FunctionArn"], "arn:aws:lambda:us-east-1:000000000000:function:fake");
  EXPECT_EQ(d["EventSourceArn"], stream->arn());
  EXPECT_EQ(d["DestinationConfig"]["OnFailure"]["Destination"], "file:///tmp/x");
  EXPECT_EQ(d["EventSourceMappingArn"],
            "arn:aws:lambda:us-east-1:000000000000:event-source-mapping:uuid");
  EXPECT_EQ(d["KinesisdShards"].size(), 2u);
  EXPECT_EQ(describe_mapping(*m, "Deleting")["State"], "Deleting");
}

}  // namespace
}  // namespace kinesisd::lambda
