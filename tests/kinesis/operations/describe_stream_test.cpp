// DescribeStream, DescribeStreamSummary and DescribeLimits
// (operations/describe_stream.cpp, describe_stream_summary.cpp,
// describe_limits.cpp, stream_description.cpp).
#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

TEST(DescribeStream, ShardsPagedAfterTheStartShard) {
  Operations o;
  o.stream("s", 3);
  const auto first =
      o.answer(describe_stream, {{"StreamName", "s"}, {"Limit", 2}}).at("StreamDescription");
  EXPECT_EQ(first.at("StreamStatus"), "ACTIVE");
  EXPECT_EQ(first.at("HasMoreShards"), true);
  ASSERT_EQ(first.at("Shards").size(), 2u);
  EXPECT_EQ(first.at("Shards")[1].at("ShardId"), "shardId-000000000001");
  const auto rest = o.answer(describe_stream, {{"StreamName", "s"},
                                               {"ExclusiveStartShardId", "shardId-000000000001"}})
                        .at("StreamDescription");
  EXPECT_EQ(rest.at("HasMoreShards"), false);
  ASSERT_EQ(rest.at("Shards").size(), 1u);
  EXPECT_EQ(rest.at("Shards")[0].at("ShardId"), "shardId-000000000002");
  // The three ranges cover the hash key space.
  EXPECT_EQ(rest.at("Shards")[0].at("HashKeyRange").at("EndingHashKey"),
            "340282366920938463463374607431768211455");
}

TEST(DescribeStream, NoShardsWhileCreating) {
  Operations o;
  o.call(create_stream, {{"StreamName", "s"}, {"ShardCount", 2}});
  const auto creating = o.answer(describe_stream, {{"StreamName", "s"}}).at("StreamDescription");
  EXPECT_EQ(creating.at("StreamStatus"), "CREATING");
  EXPECT_EQ(creating.at("Shards"), json::array());
  o.clock.advance(500);
  EXPECT_EQ(
      o.answer(describe_stream, {{"StreamName", "s"}}).at("StreamDescription").at("Shards").size(),
      2u);
  const auto summary =
      o.answer(describe_stream_summary, {{"StreamName", "s"}}).at("StreamDescriptionSummary");
  EXPECT_EQ(summary.at("OpenShardCount"), 2);
  EXPECT_EQ(summary.at("RetentionPeriodHours"), 24);
  EXPECT_EQ(summary.at("EncryptionType"), "NONE");
}

TEST(DescribeLimits, CountsOpenShardsAndOnDemandStreams) {
  log::StoreOptions options;
  options.shard_limit = 10;
  Operations o(options);
  o.stream("p", 3);
  EXPECT_EQ(o.error(create_stream, {{"StreamName", "d"}}), "");  // ON_DEMAND: 4 shards
  const auto limits = o.answer(describe_limits, json::object());
  EXPECT_EQ(limits.at("ShardLimit"), 10);
  EXPECT_EQ(limits.at("OpenShardCount"), 7);
  EXPECT_EQ(limits.at("OnDemandStreamCount"), 1);
  EXPECT_EQ(limits.at("OnDemandStreamCountLimit"), 50);
  EXPECT_EQ(limits.at("ChannelCount"), 0);
}

}  // namespace
}  // namespace kinesisd::operations
