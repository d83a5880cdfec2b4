// GetShardIterator (operations/get_shard_iterator.cpp): which shard ids it
// reads, when a shard "does not exist", and dry runs issuing no iterator.
#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

json request(const std::string& stream, const std::string& shard) {
  return {{"StreamName", stream}, {"ShardId", shard}, {"ShardIteratorType", "TRIM_HORIZON"}};
}

TEST(GetShardIterator, ShardIdsAsAwsReadsThem) {
  Operations o;
  o.stream("s", 2);
  EXPECT_EQ(o.error(get_shard_iterator, request("s", "shardId-000000000001")), "");
  EXPECT_EQ(o.message(get_shard_iterator, request("s", "shardId-000000000002")),
            "Shard shardId-000000000002 in stream s under account 000000000000 does not exist");
  EXPECT_EQ(o.message(get_shard_iterator, request("s", "abc")),
            "Could not find shard abc in stream s under account 000000000000.");
  // A missing stream's shard does not exist either (not "stream not found").
  EXPECT_EQ(o.message(get_shard_iterator, request("none", "shardId-000000000000")),
            "Shard shardId-000000000000 in stream none under account 000000000000 does not exist");
}

TEST(GetShardIterator, NotWhileTheStreamIsCreating) {
  Operations o;
  o.call(create_stream, {{"StreamName", "s"}, {"ShardCount", 1}});
  EXPECT_EQ(o.message(get_shard_iterator, request("s", "shardId-000000000000")),
            "Shard shardId-000000000000 in stream s under account 000000000000 does not exist");
  o.clock.advance(500);  // --create-stream-ms
  const auto it = o.answer(get_shard_iterator, request("s", "shardId-000000000000"));
  EXPECT_FALSE(it.at("ShardIterator").get<std::string>().empty());
}

TEST(GetShardIterator, ADryRunChecksThePositionAndIssuesNothing) {
  Operations o;
  o.stream("s");
  auto dry = request("s", "shardId-000000000000");
  dry["DryRun"] = true;
  EXPECT_EQ(o.error(get_shard_iterator, dry), "DryRunOperationException");
  dry["ShardIteratorType"] = "AT_SEQUENCE_NUMBER";
  dry["StartingSequenceNumber"] = "12";
  EXPECT_EQ(o.error(get_shard_iterator, dry), "InvalidArgumentException");
}

}  // namespace
}  // namespace kinesisd::operations
