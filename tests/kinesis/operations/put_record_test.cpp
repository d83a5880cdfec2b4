// PutRecord through the validated path and the fast path from the body
// (operations/put_record.cpp): routing, the ordering number, dry runs.
#include <gtest/gtest.h>

#include "kinesis/operations/record_input.hpp"
#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

const std::string kUpperHalf = "170141183460469231731687303715884105728";  // 2^127

TEST(PutRecord, TheHashKeyChoosesTheShard) {
  Operations o;
  o.stream("s", 2);
  EXPECT_EQ(
      o.answer(
           put_record,
           {{"StreamName", "s"}, {"Data", "aGk="}, {"PartitionKey", "k"}, {"ExplicitHashKey", "0"}})
          .at("ShardId"),
      "shardId-000000000000");
  const auto upper = o.answer(put_record, {{"StreamName", "s"},
                                           {"Data", "aGk="},
                                           {"PartitionKey", "k"},
                                           {"ExplicitHashKey", kUpperHalf}});
  EXPECT_EQ(upper.at("ShardId"), "shardId-000000000001");
  EXPECT_FALSE(upper.contains("EncryptionType"));  // NONE is left out, as AWS does
  // Without an explicit key, MD5 of the partition key: md5("a") starts 0x0cc1, the lower half.
  EXPECT_EQ(o.answer(put_record, {{"StreamName", "s"}, {"Data", "aGk="}, {"PartitionKey", "a"}})
                .at("ShardId"),
            "shardId-000000000000");
}

TEST(PutRecord, TheFastPathAnswersAsTheValidatedOne) {
  Operations o;
  o.stream("s");
  o.ctx.now_ms = o.clock.now_ms();
  PutRequest read;
  ASSERT_TRUE(read_put_record(R"({"StreamName":"s","Data":"aGk=","PartitionKey":"k"})", read));
  EXPECT_EQ(put_resource("us-east-1", "000000000000", read),
            "arn:aws:kinesis:us-east-1:000000000000:stream/s");  // what the endpoint authorizes
  const auto first = o.body(run_put_record(o.ctx, read));
  const auto second =
      o.answer(put_record, {{"StreamName", "s"}, {"Data", "aGk="}, {"PartitionKey", "k"}});
  EXPECT_EQ(first.at("ShardId"), second.at("ShardId"));
  // Both appended, in call order: equal-length decimals compare as text.
  const auto a = first.at("SequenceNumber").get<std::string>();
  const auto b = second.at("SequenceNumber").get<std::string>();
  EXPECT_EQ(a.size(), b.size());
  EXPECT_LT(a, b);
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "s")->shards()[0]->record_count(), 2u);
  // Anything but the simple form goes to the validated path.
  EXPECT_FALSE(read_put_record(
      R"({"StreamName":"s","Data":"aGk=","PartitionKey":"k","SequenceNumberForOrdering":"1"})",
      read));
  EXPECT_FALSE(read_put_record("not json", read));
}

TEST(PutRecord, OrderingNumbersAndDryRuns) {
  Operations o;
  o.stream("s");
  const auto put =
      o.answer(put_record, {{"StreamName", "s"}, {"Data", "aGk="}, {"PartitionKey", "k"}});
  EXPECT_EQ(o.error(put_record, {{"StreamName", "s"},
                                 {"Data", "aGk="},
                                 {"PartitionKey", "k"},
                                 {"SequenceNumberForOrdering", put.at("SequenceNumber")}}),
            "");
  EXPECT_EQ(o.message(put_record,
                      {{"StreamName", "s"},
                       {"Data", "aGk="},
                       {"PartitionKey", "k"},
                       // 2^130: past every layout AWS reads
                       {"SequenceNumberForOrdering", "1361129467683753853853498429727072845824"}}),
            "ExclusiveMinimumSequenceNumber 1361129467683753853853498429727072845824 used in "
            "PutRecord on stream s under account "
            "000000000000 is invalid.");
  const auto before = o.store.find("000000000000", "us-east-1", "s")->shards()[0]->record_count();
  EXPECT_EQ(
      o.message(put_record,
                {{"StreamName", "s"}, {"Data", "aGk="}, {"PartitionKey", "k"}, {"DryRun", true}}),
      "The request was rejected because the DryRun parameter was specified.");
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "s")->shards()[0]->record_count(), before);
  EXPECT_EQ(
      o.message(put_record, {{"StreamName", "none"}, {"Data", "aGk="}, {"PartitionKey", "k"}}),
      "Stream none under account 000000000000 not found.");
}

}  // namespace
}  // namespace kinesisd::operations
