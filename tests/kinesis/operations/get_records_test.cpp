// GetRecords (with the PutRecords and GetShardIterator it reads after) through
// the operation functions: what they decide, without a process around them.
#include <gtest/gtest.h>

#include "protocol/base64.hpp"
#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

// "r0", "r1", ...: built without a literal + string (GCC 12's -Wrestrict
// misfires on that at -O3).
std::string payload(int i) {
  std::string s(1, 'r');
  s += std::to_string(i);
  return s;
}

struct Records : testing::Operations {
  Records() { store.create(log::StreamSpec{"us-east-1", "s", 1, {}, true}); }
  std::string iterator(const std::string& type) {
    return body(call(get_shard_iterator, {{"StreamName", "s"},
                                          {"ShardId", "shardId-000000000000"},
                                          {"ShardIteratorType", type}}))
        .at("ShardIterator");
  }
};

TEST(RecordOperations, WhatIsPutIsReadBackInOrderWithItsSequenceNumbers) {
  Records r;
  json records = json::array();
  for (int i = 0; i < 3; ++i)
    records.push_back({{"Data", protocol::base64_encode(payload(i))}, {"PartitionKey", "k"}});
  const auto put = r.body(r.call(put_records, {{"StreamName", "s"}, {"Records", records}}));
  EXPECT_EQ(put.at("FailedRecordCount"), 0);
  ASSERT_EQ(put.at("Records").size(), 3u);
  const auto got = r.body(r.call(get_records, {{"ShardIterator", r.iterator("TRIM_HORIZON")}}));
  ASSERT_EQ(got.at("Records").size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(got["Records"][i].at("Data"), protocol::base64_encode(payload(i)));
    EXPECT_EQ(got["Records"][i].at("SequenceNumber"), put["Records"][i].at("SequenceNumber"));
    EXPECT_EQ(got["Records"][i].at("PartitionKey"), "k");
  }
  EXPECT_EQ(got.at("MillisBehindLatest"), 0);
  EXPECT_TRUE(got.contains("NextShardIterator"));
  // LATEST starts after them.
  const auto latest = r.body(r.call(get_records, {{"ShardIterator", r.iterator("LATEST")}}));
  EXPECT_TRUE(latest.at("Records").empty());
}

TEST(RecordOperations, LimitCutsAReadAndTheNextIteratorGoesOn) {
  Records r;
  json records = json::array();
  for (int i = 0; i < 5; ++i)
    records.push_back(
        {{"Data", protocol::base64_encode(std::to_string(i))}, {"PartitionKey", "k"}});
  r.body(r.call(put_records, {{"StreamName", "s"}, {"Records", records}}));
  const auto first =
      r.body(r.call(get_records, {{"ShardIterator", r.iterator("TRIM_HORIZON")}, {"Limit", 2}}));
  ASSERT_EQ(first.at("Records").size(), 2u);
  const auto rest = r.body(r.call(get_records, {{"ShardIterator", first.at("NextShardIterator")}}));
  ASSERT_EQ(rest.at("Records").size(), 3u);
  EXPECT_EQ(rest["Records"][0].at("Data"), protocol::base64_encode("2"));
}

// "Test your permissions and request inputs with dry run": checks pass, then
// DryRunOperationException, nothing written.
TEST(RecordOperations, ADryRunWritesNothing) {
  Records r;
  const auto dry = r.call(put_records, {{"StreamName", "s"},
                                        {"DryRun", true},
                                        {"Records", {{{"Data", "eA=="}, {"PartitionKey", "k"}}}}});
  ASSERT_FALSE(dry.ok());
  EXPECT_EQ(dry.error().type, "DryRunOperationException");
  const auto missing =
      r.call(put_records, {{"StreamName", "nope"},
                           {"DryRun", true},
                           {"Records", {{{"Data", "eA=="}, {"PartitionKey", "k"}}}}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().type, "ResourceNotFoundException");  // its usual error
  const auto got = r.body(r.call(get_records, {{"ShardIterator", r.iterator("TRIM_HORIZON")}}));
  EXPECT_TRUE(got.at("Records").empty());
}

}  // namespace
}  // namespace kinesisd::operations
