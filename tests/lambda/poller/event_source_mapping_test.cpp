#include "lambda/poller/event_source_mapping.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "kinesis/log/uniform_scaling.hpp"

#include "tests/lambda/poller/fake_handler.hpp"

namespace kinesisd::poller {
namespace {

using testing::FakeHandler;
using testing::make_stream;
using testing::put;

std::shared_ptr<EventSourceMapping> start(log::StreamStore& store, const log::Stream& stream,
                                          std::shared_ptr<FakeHandler> handler,
                                          nlohmann::json extra) {
  nlohmann::json body = {{"EventSourceArn", stream.arn()}, {"FunctionName", "fake"}};
  body.update(extra);
  const auto config = testing::config_of(body, store.clock().now_ms());
  auto m = std::make_shared<EventSourceMapping>("uuid", "us-east-1", "000000000000", config,
                                                handler::Registered{handler, "role"}, store);
  m->start();
  return m;
}

std::string lambda_problem(const EventSourceMapping& m) { return m.status().problem; }

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

TEST(EventSourceMapping, ChildrenBornLaterStartOnceTheirParentIsDrained) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  auto stream = make_stream(store, "s", 1);
  auto handler = std::make_shared<FakeHandler>();
  auto m = start(store, *stream, handler, {{"StartingPosition", "TRIM_HORIZON"}});
  put(*stream->shards()[0], clock.now_ms(), "parent");
  ASSERT_TRUE(handler->wait_for_records(1));
  // A split after the mapping started: the follower hears the edit, no polling.
  log::split(store, stream, *stream->shards()[0], log::HashKey{1} << 127, clock.now_ms());
  put(*stream->shards()[1], clock.now_ms(), "left");
  put(*stream->shards()[2], clock.now_ms(), "right");
  ASSERT_TRUE(handler->wait_for_records(3));
  auto keys = handler->keys();
  EXPECT_EQ(keys[0], "parent");
  std::sort(keys.begin() + 1, keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"parent", "left", "right"}));
}

TEST(EventSourceMapping, ANewStreamUnderTheSameNameIsReadFromItsStart) {
  log::OffsetClock clock;
  log::StoreOptions options;
  options.delete_delay_ms = 0;
  log::StreamStore store(options, clock);
  auto stream = make_stream(store, "s", 1);
  auto handler = std::make_shared<FakeHandler>();
  auto m = start(store, *stream, handler, {{"StartingPosition", "LATEST"}});
  log::StreamEdit deletion;
  deletion.deletion = log::StreamEdit::Deletion{clock.now_ms(), clock.now_ms()};
  store.apply(stream, deletion);
  EXPECT_EQ(lambda_problem(*m), "PROBLEM: Stream not found.");
  clock.advance(1);
  auto again = make_stream(store, "s", 1);
  put(*again->shards()[0], clock.now_ms(), "first");
  ASSERT_TRUE(handler->wait_for_records(1));
  EXPECT_EQ(handler->keys(), std::vector<std::string>{"first"});
  EXPECT_EQ(lambda_problem(*m), "");
}

TEST(EventSourceMapping, ParentsAreDrainedBeforeChildrenStart) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  auto stream = make_stream(store, "s", 1);
  auto parent = stream->shards()[0];
  for (int i = 0; i < 3; ++i) put(*parent, clock.now_ms(), "parent");
  log::StreamEdit reshard;
  reshard.reshard = log::StreamEdit::Reshard{
      {0}, {log::ShardSpec{1, parent->range(), clock.now_ms(), 0u, {}}}, clock.now_ms()};
  store.apply(stream, reshard);
  auto child = stream->shards()[1];
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

}  // namespace
}  // namespace kinesisd::poller
