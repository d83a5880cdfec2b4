#include "lambda/poller/shard_poller.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include "lambda/mappings/mapping_description.hpp"
#include "lambda/poller/event_source_mapping.hpp"
#include "tests/lambda/poller/fake_handler.hpp"

namespace kinesisd::poller {
namespace {

using testing::FakeHandler;
using testing::make_stream;
using testing::put;

// ("k", 3) -> "k3". (Built with append: GCC 12's -Wrestrict misfires on
// key("k", i) at -O3.)
std::string key(const char* prefix, int i) {
  std::string s(prefix);
  s.append(std::to_string(i));
  return s;
}

struct Fixture {
  log::OffsetClock clock;
  log::StreamStore store{{}, clock};
  std::shared_ptr<FakeHandler> handler = std::make_shared<FakeHandler>();
  std::shared_ptr<log::Stream> stream = make_stream(store, "s", 1);

  std::shared_ptr<EventSourceMapping> mapping(nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json body = {{"EventSourceArn", stream->arn()},
                           {"FunctionName", "fake"},
                           {"StartingPosition", "TRIM_HORIZON"}};
    body.update(extra);
    const auto config = testing::config_of(body, clock.now_ms());
    auto m = std::make_shared<EventSourceMapping>("uuid", "us-east-1", "000000000000", config,
                                                  handler::Registered{handler, "role"}, store);
    m->start();
    return m;
  }
  log::Shard& shard(size_t i = 0) { return *stream->shards()[i]; }
};

TEST(ShardPoller, DeliversEveryRecordInOrderInBatchesOfAtMostBatchSize) {
  Fixture f;
  for (int i = 0; i < 23; ++i) put(f.shard(), f.clock.now_ms(), key("k", i));
  auto m = f.mapping({{"BatchSize", 5}});
  ASSERT_TRUE(f.handler->wait_for_records(23));
  std::vector<std::string> expected;
  for (int i = 0; i < 23; ++i) expected.push_back(key("k", i));
  EXPECT_EQ(f.handler->keys(), expected);
  for (const auto& e : f.handler->events()) EXPECT_LE(e["Records"].size(), 5u);
  m->request_stop();
  m->join();
}

TEST(ShardPoller, AnAppendWakesAWaitingConsumerAtOnce) {
  Fixture f;
  auto m = f.mapping();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let it go idle
  const auto start = std::chrono::steady_clock::now();
  put(f.shard(), f.clock.now_ms(), "now");
  ASSERT_TRUE(f.handler->wait_for_records(1));
  // The idle consumer re-checks once a second on its own; a wakeup is far quicker.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
}

TEST(ShardPoller, TheBatchingWindowFillsBatchesUpToBatchSize) {
  Fixture f;
  auto m = f.mapping({{"BatchSize", 4}, {"MaximumBatchingWindowInSeconds", 1}});
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  for (int i = 0; i < 3; ++i) put(f.shard(), f.clock.now_ms(), key("k", i));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  put(f.shard(), f.clock.now_ms(), "k3");
  ASSERT_TRUE(f.handler->wait_for_records(4));
  ASSERT_EQ(f.handler->events().size(), 1u);  // one full batch, not 3 + 1
  put(f.shard(), f.clock.now_ms(), "late");
  ASSERT_TRUE(f.handler->wait_for_records(5));  // the window ends a partial batch
  EXPECT_EQ(f.handler->events().size(), 2u);
}

TEST(ShardPoller, ParallelLanesKeepOrderPerPartitionKey) {
  Fixture f;
  std::atomic<int> in_flight{0}, most{0};
  f.handler->behaviour = [&](const nlohmann::json&) {
    const int now = ++in_flight;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --in_flight;
    return handler::Invocation::ok("");
  };
  for (int i = 0; i < 40; ++i)
    put(f.shard(), f.clock.now_ms(), key("agent-", i % 4), std::to_string(i));
  auto m = f.mapping({{"BatchSize", 5}, {"ParallelizationFactor", 4}});
  ASSERT_TRUE(f.handler->wait_for_records(40));
  // Sequence numbers have a fixed width, so text order is numeric order.
  std::map<std::string, std::vector<std::string>> per_key;
  for (const auto& e : f.handler->events())
    for (const auto& r : e["Records"])
      per_key[r["kinesis"]["partitionKey"]].push_back(r["kinesis"]["sequenceNumber"]);
  size_t total = 0;
  for (const auto& [key, seqs] : per_key) {
    EXPECT_TRUE(std::is_sorted(seqs.begin(), seqs.end())) << key;
    total += seqs.size();
  }
  EXPECT_EQ(total, 40u);
  EXPECT_GT(most.load(), 1);  // lanes really ran side by side
}

TEST(ShardPoller, FilteredRecordsAreSkippedAndCheckpointed) {
  Fixture f;
  put(f.shard(), f.clock.now_ms(), "a", R"({"Channel":"VOICE"})");
  put(f.shard(), f.clock.now_ms(), "b", R"({"Channel":"CHAT"})");
  put(f.shard(), f.clock.now_ms(), "c", "not json");
  put(f.shard(), f.clock.now_ms(), "d", R"({"Channel":"VOICE"})");
  auto m = f.mapping(
      {{"FilterCriteria", {{"Filters", {{{"Pattern", R"({"data":{"Channel":["VOICE"]}})"}}}}}}});
  ASSERT_TRUE(f.handler->wait_for_records(2));
  EXPECT_EQ(f.handler->keys(), (std::vector<std::string>{"a", "d"}));
  for (int i = 0; i < 100 && m->shard_status()[0].checkpoint < 4; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const auto s = m->shard_status()[0];
  EXPECT_EQ(s.checkpoint, 4u);
  EXPECT_EQ(s.records_filtered, 2u);
  EXPECT_EQ(s.records_behind, 0u);
}

TEST(ShardPoller, ADisabledMappingWaitsAndResumesFromItsCheckpoint) {
  Fixture f;
  auto m = f.mapping({{"Enabled", false}});
  put(f.shard(), f.clock.now_ms(), "a");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(f.handler->events().empty());
  MappingConfig enabled = *m->config();
  enabled.enabled = true;
  m->update(enabled, handler::Registered{f.handler, "role"});
  ASSERT_TRUE(f.handler->wait_for_records(1));
  EXPECT_EQ(f.handler->keys(), std::vector<std::string>{"a"});
}

TEST(ShardPoller, FailedBatchesAreRetriedAndReportedInTheStatus) {
  Fixture f;
  std::atomic<int> calls{0};
  f.handler->behaviour = [&](const nlohmann::json&) {
    return calls++ == 0 ? handler::Invocation::function_error("boom") : handler::Invocation::ok("");
  };
  put(f.shard(), f.clock.now_ms(), "a");
  auto m = f.mapping();
  ASSERT_TRUE(f.handler->wait_for_records(2));
  for (int i = 0; i < 100 && m->shard_status()[0].records_processed < 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const auto s = m->shard_status()[0];
  EXPECT_EQ(s.invocations, 2u);
  EXPECT_EQ(s.function_errors, 1u);
  EXPECT_EQ(s.records_processed, 1u);
  EXPECT_EQ(s.last_error, "");
  EXPECT_EQ(lambda::describe_mapping(*m)["LastProcessingResult"], "OK");
}

}  // namespace
}  // namespace kinesisd::poller
