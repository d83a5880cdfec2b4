#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

// The developer guide's "Resharding a stream": while UPDATING the parent
// stays open and takes the puts; the children appear once it is ACTIVE.
TEST(ReshardOperations, TheParentTakesThePutsUntilTheUpdateEnds) {
  testing::Operations o;  // --update-stream-ms 500
  auto& clock = o.clock;
  auto& store = o.store;
  auto& ctx = o.ctx;
  store.create(log::StreamSpec{"us-east-1", "s", 1, {}, true});
  ctx.now_ms = clock.now_ms();
  const auto split = split_shard(ctx, {{"StreamName", "s"},
                                       {"ShardToSplit", "shardId-000000000000"},
                                       {"NewStartingHashKey", "1000"}});
  ASSERT_TRUE(split.ok()) << split.error().message;
  auto shards = [&] {
    ctx.now_ms = clock.now_ms();
    const auto out = list_shards(ctx, {{"StreamName", "s"}});
    EXPECT_TRUE(out.ok());
    return out.value().doc.at("Shards");
  };
  auto listed = shards();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_FALSE(listed[0].at("SequenceNumberRange").contains("EndingSequenceNumber"));
  const auto again = split_shard(ctx, {{"StreamName", "s"},
                                       {"ShardToSplit", "shardId-000000000000"},
                                       {"NewStartingHashKey", "2000"}});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().type, "ResourceInUseException");  // not ACTIVE

  clock.advance(500);
  listed = shards();
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_TRUE(listed[0].at("SequenceNumberRange").contains("EndingSequenceNumber"));
  EXPECT_EQ(listed[2].at("HashKeyRange").at("StartingHashKey"), "1000");
}

}  // namespace
}  // namespace kinesisd::operations
