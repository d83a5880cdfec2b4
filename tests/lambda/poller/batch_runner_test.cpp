#include "lambda/poller/batch_runner.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace kinesisd::poller {
namespace {

// A fake world: a handler that fails on "poison" records, a clock moved by
// sleeps, and a dead-letter list.
struct World {
  int64_t now = 1'000'000;
  std::vector<std::vector<std::string>> invocations;  // partition keys per call
  std::vector<std::pair<std::vector<std::string>, FailureInfo>> dead;
  std::function<handler::Invocation(std::span<const PolledRecord>)> behaviour;
  bool stop_after_sleeps = false;
  int sleeps = 0;

  RunnerHooks hooks() {
    RunnerHooks h;
    h.invoke = [this](std::span<const PolledRecord> b) {
      std::vector<std::string> keys;
      for (const auto& r : b) keys.push_back(r.partition_key);
      invocations.push_back(keys);
      return behaviour(b);
    };
    h.dead_letter = [this](std::span<const PolledRecord> b, const FailureInfo& info) {
      std::vector<std::string> keys;
      for (const auto& r : b) keys.push_back(r.partition_key);
      dead.emplace_back(keys, info);
      return true;
    };
    h.now_ms = [this] { return now; };
    h.sleep = [this](int64_t ms) {
      now += ms;
      ++sleeps;
      return !stop_after_sleeps;
    };
    return h;
  }
};

std::vector<PolledRecord> records(std::vector<std::string> keys, int64_t arrival = 1'000'000) {
  std::vector<PolledRecord> out;
  for (size_t i = 0; i < keys.size(); ++i)
    out.push_back({i, "seq" + std::to_string(i), keys[i], "{}", arrival, false});
  return out;
}

handler::Invocation fail_on_poison(std::span<const PolledRecord> b) {
  for (const auto& r : b)
    if (r.partition_key == "poison") return handler::Invocation::function_error("poison");
  return handler::Invocation::ok("");
}

TEST(BatchRunner, ASuccessfulBatchIsInvokedOnce) {
  World w;
  w.behaviour = fail_on_poison;
  RunStats stats;
  const auto b = records({"a", "b", "c"});
  EXPECT_TRUE(settle_batch(b, RetryPolicy{}, w.hooks(), stats));
  EXPECT_EQ(w.invocations.size(), 1u);
  EXPECT_EQ(stats.records_ok, 3u);
  EXPECT_TRUE(w.dead.empty());
}

TEST(BatchRunner, RetriesWithBackoffThenDeadLettersTheWholeBatch) {
  World w;
  w.behaviour = fail_on_poison;
  RetryPolicy p;
  p.max_retry_attempts = 2;
  RunStats stats;
  const auto b = records({"a", "poison", "c"});
  EXPECT_TRUE(settle_batch(b, p, w.hooks(), stats));
  EXPECT_EQ(w.invocations.size(), 3u);  // the first try and two retries
  ASSERT_EQ(w.dead.size(), 1u);
  EXPECT_EQ(w.dead[0].first, (std::vector<std::string>{"a", "poison", "c"}));
  EXPECT_EQ(w.dead[0].second.condition, "RetryAttemptsExhausted");
  EXPECT_EQ(w.dead[0].second.invoke_count, 3);
  EXPECT_EQ(w.sleeps, 2);
  EXPECT_EQ(w.now, 1'000'000 + 100 + 200);  // exponential backoff
}

TEST(BatchRunner, BisectIsolatesThePoisonRecordWithoutUsingRetries) {
  World w;
  w.behaviour = fail_on_poison;
  RetryPolicy p;
  p.bisect = true;
  p.max_retry_attempts = 0;
  RunStats stats;
  const auto b = records({"a", "b", "c", "poison", "e", "f"});
  EXPECT_TRUE(settle_batch(b, p, w.hooks(), stats));
  ASSERT_EQ(w.dead.size(), 1u);
  EXPECT_EQ(w.dead[0].first, std::vector<std::string>{"poison"});
  EXPECT_EQ(stats.records_ok, 5u);
  EXPECT_EQ(stats.records_dead_lettered, 1u);
  // Every good record was delivered in order, once.
  std::vector<std::string> delivered;
  for (const auto& call : w.invocations)
    if (std::find(call.begin(), call.end(), "poison") == call.end())
      delivered.insert(delivered.end(), call.begin(), call.end());
  EXPECT_EQ(delivered, (std::vector<std::string>{"a", "b", "c", "e", "f"}));
}

TEST(BatchRunner, PartialFailureCheckpointsAtTheLowestFailedRecord) {
  World w;
  int calls = 0;
  w.behaviour = [&](std::span<const PolledRecord> b) {
    if (calls++ == 0)
      return handler::Invocation::ok(R"({"batchItemFailures":[{"itemIdentifier":")" +
                                     b[2].sequence_number + R"("}]})");
    return handler::Invocation::ok("");
  };
  RetryPolicy p;
  p.report_item_failures = true;
  RunStats stats;
  const auto b = records({"a", "b", "c", "d"});
  EXPECT_TRUE(settle_batch(b, p, w.hooks(), stats));
  ASSERT_EQ(w.invocations.size(), 2u);
  EXPECT_EQ(w.invocations[1], (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(stats.records_ok, 4u);
}

TEST(BatchRunner, RecordsOlderThanTheMaximumAgeGoToTheDestinationUninvoked) {
  World w;
  w.behaviour = fail_on_poison;
  RetryPolicy p;
  p.max_record_age_s = 60;
  RunStats stats;
  auto b = records({"old", "old2", "new"});
  b[0].arrival_ms = b[1].arrival_ms = w.now - 61'000;
  EXPECT_TRUE(settle_batch(b, p, w.hooks(), stats));
  ASSERT_EQ(w.dead.size(), 1u);
  EXPECT_EQ(w.dead[0].first, (std::vector<std::string>{"old", "old2"}));
  EXPECT_EQ(w.dead[0].second.condition, "RecordAgeExceeded");
  EXPECT_EQ(w.dead[0].second.invoke_count, 0);
  EXPECT_EQ(w.invocations, (std::vector<std::vector<std::string>>{{"new"}}));
}

TEST(BatchRunner, AFailingBatchExpiresWhileRetrying) {
  World w;
  w.behaviour = fail_on_poison;
  RetryPolicy p;
  p.max_record_age_s = 60;  // infinite retries, but records age
  RunStats stats;
  const auto b = records({"poison"});
  EXPECT_TRUE(settle_batch(b, p, w.hooks(), stats));
  ASSERT_EQ(w.dead.size(), 1u);
  EXPECT_EQ(w.dead[0].second.condition, "RecordAgeExceeded");
  EXPECT_GT(w.dead[0].second.invoke_count, 1);
}

TEST(BatchRunner, StopsWhenAskedWhileRetrying) {
  World w;
  w.behaviour = fail_on_poison;
  w.stop_after_sleeps = true;
  RunStats stats;
  const auto b = records({"poison"});
  EXPECT_FALSE(settle_batch(b, RetryPolicy{}, w.hooks(), stats));
  EXPECT_TRUE(w.dead.empty());
}

TEST(BatchRunner, NoInvocationStartsOnceStopping) {
  World w;
  w.behaviour = fail_on_poison;
  RetryPolicy p;
  p.bisect = true;
  auto hooks = w.hooks();
  bool stopping = false;
  hooks.stopping = [&] { return stopping; };
  hooks.invoke = [&](std::span<const PolledRecord> b) {
    w.invocations.emplace_back(b.size(), "");
    stopping = true;  // shutdown arrives during the first call
    return handler::Invocation::function_error("cancelled at shutdown");
  };
  RunStats stats;
  const auto b = records({"a", "b", "c", "d"});
  EXPECT_FALSE(settle_batch(b, p, hooks, stats));
  EXPECT_EQ(w.invocations.size(), 1u);  // not bisected into more calls
}

TEST(BatchRunner, ADestinationThatRefusesIsTriedAgain) {
  World w;
  w.behaviour = fail_on_poison;
  RetryPolicy p;
  p.max_retry_attempts = 0;
  auto hooks = w.hooks();
  int refusals = 2;
  hooks.dead_letter = [&](std::span<const PolledRecord>, const FailureInfo&) {
    return refusals-- <= 0;
  };
  RunStats stats;
  const auto b = records({"poison"});
  EXPECT_TRUE(settle_batch(b, p, hooks, stats));
  EXPECT_EQ(stats.records_dead_lettered, 1u);
  EXPECT_EQ(w.sleeps, 2);
}

// Lambda's Kinesis guide: MaximumRetryAttempts "doesn't affect service errors
// or throttles where the batch didn't reach the function".
TEST(BatchRunner, ThrottlesAreRetriedWithoutUsingRetriesOrBisecting) {
  World w;
  int throttles = 3;
  w.behaviour = [&](std::span<const PolledRecord>) {
    if (throttles-- > 0) return handler::Invocation::throttled("Rate Exceeded.");
    return handler::Invocation::ok("");
  };
  RetryPolicy p;
  p.max_retry_attempts = 0;
  p.bisect = true;
  RunStats stats;
  EXPECT_TRUE(settle_batch(records({"a", "b"}), p, w.hooks(), stats));
  EXPECT_EQ(w.invocations.size(), 4u);
  for (const auto& call : w.invocations) EXPECT_EQ(call.size(), 2u);
  EXPECT_EQ(stats.throttles, 3u);
  EXPECT_EQ(stats.function_errors, 0u);
  EXPECT_TRUE(w.dead.empty());
  EXPECT_EQ(stats.records_ok, 2u);
}

}  // namespace
}  // namespace kinesisd::poller
