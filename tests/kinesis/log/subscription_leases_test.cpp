#include "kinesis/log/subscription_leases.hpp"

#include <gtest/gtest.h>

namespace kinesisd::log {

TEST(SubscriptionLeases, AreClaimedOncePerFiveSeconds) {
  SubscriptionLeases leases;
  const uint64_t first = leases.claim("c/shardId-000000000000", 1000);
  EXPECT_NE(first, 0u);
  EXPECT_EQ(leases.claim("c/shardId-000000000000", 5999), 0u);
  EXPECT_NE(leases.claim("c/shardId-000000000001", 1000), 0u);  // another shard
  const uint64_t second = leases.claim("c/shardId-000000000000", 6000);
  EXPECT_NE(second, 0u);  // takes over
  EXPECT_FALSE(leases.holds("c/shardId-000000000000", first));
  EXPECT_TRUE(leases.holds("c/shardId-000000000000", second));
  leases.release("c/shardId-000000000000", first);  // stale release: no effect
  EXPECT_TRUE(leases.holds("c/shardId-000000000000", second));
  leases.release("c/shardId-000000000000", second);
  EXPECT_NE(leases.claim("c/shardId-000000000000", 6001), 0u);
}

}  // namespace kinesisd::log
