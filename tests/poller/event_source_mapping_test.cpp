#include "poller/event_source_mapping.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "tests/poller/fake_handler.hpp"

namespace kinesisd::poller {
namespace {

using testing::FakeHandler;
using testing::make_stream;
using testing::put;

std::unique_ptr<EventSourceMapping> start(log::StreamStore& store, const log::Stream& stream,
                                          std::shared_ptr<FakeHandler> handler,
                                          nlohmann::json extra) {
  nlohmann::json body = {{"EventSourceArn", stream.arn()}, {"FunctionName", "fake"}};
  body.update(extra);
  MappingConfig config;
  auto e = apply_request(body, RequestKind::kCreate, config, store.clock().now_ms());
  EXPECT_FALSE(e) << e->message;
  auto m = std::make_unique<EventSourceMapping>("uuid", "us-east-1", "000000000000", config,
                                                handler::Registered{handler, "role"}, store);
  m->start();
  return m;
}

TEST(EventSourceMapping, LatestSkipsWhatWasThereBefore) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  auto stream = make_stream(store, "s", 1);
  auto handler = std::make_shared<FakeHandler>();
  put(*stream->shards()[0], clock.now_ms(), "old");
  auto m = start(store, *stream, handler, {{"StartingPosition", "LATEST"}});
  put(*stream->shards()[0], clock.now_ms(), "new");
  ASSERT_TRUE(handler->wait_for_records(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(handler->keys(), std::vector<std::string>{"new"});
}

TEST(EventSourceMapping, AtTimestampStartsAtTheFirstRecordFromThen) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  auto stream = make_stream(store, "s", 1);
  auto handler = std::make_shared<FakeHandler>();
  put(*stream->shards()[0], clock.now_ms(), "before");
  clock.advance(5000);
  const int64_t from = clock.now_ms() - 2000;
  put(*stream->shards()[0], clock.now_ms(), "after");
  auto m = start(store, *stream, handler,
                 {{"StartingPosition", "AT_TIMESTAMP"},
                  {"StartingPositionTimestamp", static_cast<double>(from) / 1000.0}});
  ASSERT_TRUE(handler->wait_for_records(1));
  EXPECT_EQ(handler->keys(), std::vector<std::string>{"after"});
}

TEST(EventSourceMapping, ParentsAreDrainedBeforeChildrenStart) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  auto stream = make_stream(store, "s", 1);
  auto parent = stream->shards()[0];
  for (int i = 0; i < 3; ++i) put(*parent, clock.now_ms(), "parent");
  parent->close(clock.now_ms());
  auto child = std::make_shared<log::Shard>(1, parent->range(), clock.now_ms(), store.new_log(),
                                            parent->id());
  stream->add_shard(child);
  for (int i = 0; i < 3; ++i) put(*child, clock.now_ms(), "child");

  auto handler = std::make_shared<FakeHandler>();
  handler->behaviour = [](const nlohmann::json& event) {
    // The parent is slow: without the rule its child would overtake it.
    if (event["Records"][0]["kinesis"]["partitionKey"] == "parent")
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
    return handler::Invocation::ok("");
  };
  auto m = start(store, *stream, handler, {{"StartingPosition", "TRIM_HORIZON"}, {"BatchSize", 1}});
  ASSERT_TRUE(handler->wait_for_records(6));
  EXPECT_EQ(handler->keys(),
            (std::vector<std::string>{"parent", "parent", "parent", "child", "child", "child"}));
  for (int i = 0; i < 100; ++i) {
    bool drained = false;
    for (const auto& s : m->shard_status())
      if (s.shard_id == parent->id()) drained = s.finished;
    if (drained) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (const auto& s : m->shard_status()) {
    if (s.shard_id == parent->id()) {
      EXPECT_TRUE(s.finished);
    }
  }
}

TEST(EventSourceMapping, DescribesItselfInLambdasShape) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  auto stream = make_stream(store, "s", 2);
  auto handler = std::make_shared<FakeHandler>();
  auto m = start(store, *stream, handler,
                 {{"StartingPosition", "TRIM_HORIZON"},
                  {"BatchSize", 5},
                  {"DestinationConfig", {{"OnFailure", {{"Destination", "file:///tmp/x"}}}}}});
  const auto d = m->describe();
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
  EXPECT_EQ(m->describe("Deleting")["State"], "Deleting");
}

}  // namespace
}  // namespace kinesisd::poller
