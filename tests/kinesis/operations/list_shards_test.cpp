#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

struct Shards : testing::Operations {
  explicit Shards(uint32_t n) { store.create(log::StreamSpec{"us-east-1", "s", n, {}, true}); }
  json list(const json& in) {
    ctx.now_ms = clock.now_ms();
    const auto out = list_shards(ctx, in);
    EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().message);
    return out.ok() ? out.value().doc : json();
  }
  std::vector<std::string> ids(const json& answer) {
    std::vector<std::string> out;
    for (const auto& s : answer.at("Shards")) out.push_back(s.at("ShardId"));
    return out;
  }
};

TEST(ListShards, PagesInIdOrderAndTheTokenStandsAlone) {
  Shards s(5);
  const auto first = s.list({{"StreamName", "s"}, {"MaxResults", 2}});
  EXPECT_EQ(s.ids(first),
            (std::vector<std::string>{"shardId-000000000000", "shardId-000000000001"}));
  ASSERT_TRUE(first.contains("NextToken"));
  // With NextToken, StreamName is not allowed (as on AWS).
  s.ctx.now_ms = s.clock.now_ms();
  const auto both = list_shards(s.ctx, {{"StreamName", "s"}, {"NextToken", first["NextToken"]}});
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().type, "InvalidArgumentException");
  const auto rest = s.list({{"NextToken", first["NextToken"]}, {"MaxResults", 10}});
  EXPECT_EQ(s.ids(rest), (std::vector<std::string>{"shardId-000000000002", "shardId-000000000003",
                                                   "shardId-000000000004"}));
  EXPECT_FALSE(rest.contains("NextToken"));
}

TEST(ListShards, FiltersAfterAShardAndByState) {
  Shards s(3);
  EXPECT_EQ(s.ids(s.list({{"StreamName", "s"},
                          {"ShardFilter",
                           {{"Type", "AFTER_SHARD_ID"}, {"ShardId", "shardId-000000000000"}}}})),
            (std::vector<std::string>{"shardId-000000000001", "shardId-000000000002"}));
  EXPECT_EQ(s.ids(s.list({{"StreamName", "s"}, {"ExclusiveStartShardId", "shardId-000000000001"}})),
            (std::vector<std::string>{"shardId-000000000002"}));
  EXPECT_EQ(
      s.list({{"StreamName", "s"}, {"ShardFilter", {{"Type", "AT_LATEST"}}}}).at("Shards").size(),
      3u);
}

}  // namespace
}  // namespace kinesisd::operations
