#include "kinesis/log/shard_throughput.hpp"

#include <gtest/gtest.h>

namespace kinesisd::log {
namespace {

constexpr uint64_t kMiB = 1024 * 1024;

TEST(ShardThroughput, ThousandRecordsASecond) {
  ShardThroughput t;
  int admitted = 0;
  for (int i = 0; i < 1500; ++i) admitted += t.admit_write(0, 10);
  EXPECT_EQ(admitted, 1000);
  EXPECT_FALSE(t.admit_write(0, 10));
  EXPECT_TRUE(t.admit_write(1, 10));  // one record per millisecond comes back
}

TEST(ShardThroughput, OneMebibyteASecondOfDataAndKey) {
  ShardThroughput t;
  for (int i = 0; i < 16; ++i) EXPECT_TRUE(t.admit_write(0, kMiB / 16)) << i;
  EXPECT_FALSE(t.admit_write(0, 1));
  EXPECT_FALSE(t.admit_write(499, kMiB / 2));
  EXPECT_TRUE(t.admit_write(500, kMiB / 2));
}

// "Handle large records": a 10 MiB record drains the write capacity; the shard
// takes records again once it has refilled at 1 MiB/s.
TEST(ShardThroughput, ALargeRecordGoesThroughAFullShardAndThenItWaits) {
  ShardThroughput t;
  EXPECT_TRUE(t.admit_write(0, 10 * kMiB));
  EXPECT_FALSE(t.admit_write(1000, 1));
  EXPECT_FALSE(t.admit_write(8999, 1));
  EXPECT_TRUE(t.admit_write(9001, 1));
  // A second large one waits until the capacity is full again.
  EXPECT_FALSE(t.admit_write(9500, 10 * kMiB));
  EXPECT_TRUE(t.admit_write(10100, 10 * kMiB));
}

TEST(ShardThroughput, FiveReadsASecond) {
  ShardThroughput t;
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(t.admit_read(0)) << i;
  EXPECT_FALSE(t.admit_read(0));
  EXPECT_TRUE(t.admit_read(200));
}

// The GetRecords reference: "if a single call returns 10 MiB, subsequent calls
// made within the next 5 seconds throw ProvisionedThroughputExceededException".
TEST(ShardThroughput, ATenMebibyteReadThrottlesTheNextFiveSeconds) {
  ShardThroughput t;
  ASSERT_TRUE(t.admit_read(0));
  t.charge_read(0, 10 * kMiB);
  EXPECT_FALSE(t.admit_read(1000));
  EXPECT_FALSE(t.admit_read(4700));
  EXPECT_TRUE(t.admit_read(4900));  // within one call's share (400 KiB) of the debt
}

TEST(ShardThroughput, FiveSmallReadsInABurstAreAwsOwnRate) {
  ShardThroughput t;
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(t.admit_read(0)) << i;
    t.charge_read(0, 80 * 1024);
  }
}

TEST(ShardThroughput, IteratorsAndSubscriptions) {
  ShardThroughput t;
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(t.admit_iterator(0));
  EXPECT_FALSE(t.admit_iterator(0));
  EXPECT_TRUE(t.admit_subscribe(0, "a"));
  EXPECT_FALSE(t.admit_subscribe(500, "a"));
  EXPECT_TRUE(t.admit_subscribe(500, "b"));  // per consumer
  EXPECT_TRUE(t.admit_subscribe(1000, "a"));
}

}  // namespace
}  // namespace kinesisd::log
