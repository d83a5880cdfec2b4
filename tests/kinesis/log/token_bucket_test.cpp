#include "kinesis/log/token_bucket.hpp"

#include <gtest/gtest.h>

namespace kinesisd::log {
namespace {

TEST(TokenBucket, StartsFullAndRefillsAtItsRate) {
  TokenBucket b(5, 5);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(b.take(1000, 1)) << i;
  EXPECT_FALSE(b.take(1000, 1));
  EXPECT_FALSE(b.take(1199, 1));  // 0.995 tokens
  EXPECT_TRUE(b.take(1200, 1));   // one token in 200 ms
  EXPECT_EQ(b.wait_ms(1200, 1), 201);
  // Never more than the capacity, however long it rests.
  EXPECT_DOUBLE_EQ(b.tokens(1'000'000), 5);
}

TEST(TokenBucket, ABurstTakesMoreThanItHoldsOnlyWhenFullAndLeavesADebt) {
  TokenBucket b(1024, 1024);
  EXPECT_TRUE(b.take_burst(0, 4096));  // full: goes through
  EXPECT_DOUBLE_EQ(b.tokens(0), -3072);
  EXPECT_FALSE(b.take_burst(1000, 1));     // still owing 2048
  EXPECT_FALSE(b.take_burst(3999, 4096));  // not full again yet
  EXPECT_TRUE(b.take_burst(4000, 4096));
}

TEST(TokenBucket, AChargeIsTakenWhateverTheBalance) {
  TokenBucket b(2, 0);
  b.charge(0, 10);
  EXPECT_DOUBLE_EQ(b.tokens(0), -10);
  EXPECT_EQ(b.wait_ms(0, 0), 5001);
  EXPECT_DOUBLE_EQ(b.tokens(5000), 0);
}

}  // namespace
}  // namespace kinesisd::log
