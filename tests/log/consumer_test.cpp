#include "log/consumer.hpp"

#include <gtest/gtest.h>

#include "log/stream.hpp"

namespace kinesisd::log {
namespace {

// Appends instead of operator+ (GCC 12 -Wrestrict false positive at -O3).
std::string name(int i) {
  std::string n = "c";
  n.append(std::to_string(i));
  return n;
}

}  // namespace

TEST(Consumer, StatesFollowTheClock) {
  Consumer c;
  c.ready_at_ms = 100;
  EXPECT_EQ(c.status(99), ConsumerStatus::kCreating);
  EXPECT_EQ(c.status(100), ConsumerStatus::kActive);
  c.deleting_at_ms = 200;
  c.gone_at_ms = 250;
  EXPECT_EQ(c.status(210), ConsumerStatus::kDeleting);
  EXPECT_FALSE(c.gone(249));
  EXPECT_TRUE(c.gone(250));
}

TEST(Consumer, AStreamHoldsTwentyAndCreatesFiveAtOnce) {
  Stream stream("r", "000000000000", "s", 0, StreamMeta{});
  Consumer out;
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(stream.register_consumer(name(i), 0, 10, {}, &out),
              Stream::RegisterOutcome::kRegistered);
  EXPECT_EQ(stream.register_consumer("c5", 5, 10, {}, &out),
            Stream::RegisterOutcome::kTooManyCreating);
  EXPECT_EQ(stream.register_consumer("c0", 5, 10, {}, &out), Stream::RegisterOutcome::kExists);
  EXPECT_EQ(out.name, "c0");
  for (int i = 5; i < 20; ++i)
    EXPECT_EQ(stream.register_consumer(name(i), 100 * i, 10, {}, &out),
              Stream::RegisterOutcome::kRegistered);
  EXPECT_EQ(stream.register_consumer("c20", 5000, 10, {}, &out), Stream::RegisterOutcome::kTooMany);
  EXPECT_EQ(stream.consumer_count(5000), 20u);

  // A deregistered consumer stops counting once gone, and its name is free again.
  EXPECT_TRUE(stream.deregister_consumer("c3", 5000, 100));
  EXPECT_EQ(stream.consumer("c3", 5050)->status(5050), ConsumerStatus::kDeleting);
  EXPECT_FALSE(stream.consumer("c3", 5100));
  EXPECT_EQ(stream.register_consumer("c3", 6000, 10, {}, &out),
            Stream::RegisterOutcome::kRegistered);
  EXPECT_NE(out.arn, "");
  EXPECT_FALSE(stream.deregister_consumer("missing", 6000, 100));
}

TEST(Consumer, SubscriptionsAreClaimedOncePerFiveSeconds) {
  Stream stream("r", "000000000000", "s", 0, StreamMeta{});
  const uint64_t first = stream.claim_subscription("c/shardId-000000000000", 1000);
  EXPECT_NE(first, 0u);
  EXPECT_EQ(stream.claim_subscription("c/shardId-000000000000", 5999), 0u);
  EXPECT_NE(stream.claim_subscription("c/shardId-000000000001", 1000), 0u);  // another shard
  const uint64_t second = stream.claim_subscription("c/shardId-000000000000", 6000);
  EXPECT_NE(second, 0u);  // takes over
  EXPECT_FALSE(stream.holds_subscription("c/shardId-000000000000", first));
  EXPECT_TRUE(stream.holds_subscription("c/shardId-000000000000", second));
  stream.release_subscription("c/shardId-000000000000", first);  // stale release: no effect
  EXPECT_TRUE(stream.holds_subscription("c/shardId-000000000000", second));
  stream.release_subscription("c/shardId-000000000000", second);
  EXPECT_NE(stream.claim_subscription("c/shardId-000000000000", 6001), 0u);
}

}  // namespace kinesisd::log
