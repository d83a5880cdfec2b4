// PutRecords (operations/put_records.cpp): results in request order, the
// request size bound, an injected partial failure, dry runs.
#include <gtest/gtest.h>

#include "kinesis/operations/record_input.hpp"
#include "protocol/base64.hpp"
#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

json records(int n, const std::string& data = "aGk=") {
  json r = json::array();
  for (int i = 0; i < n; ++i) {
    std::string key(1, 'k');
    key += std::to_string(i);
    r.push_back({{"Data", data}, {"PartitionKey", key}});
  }
  return r;
}

TEST(PutRecords, ResultsInRequestOrderAcrossShards) {
  Operations o;
  o.stream("s", 2);
  json in = {{"StreamName", "s"},
             {"Records",
              {{{"Data", "YQ=="}, {"PartitionKey", "x"}, {"ExplicitHashKey", "0"}},
               {{"Data", "Yg=="},
                {"PartitionKey", "x"},
                {"ExplicitHashKey", "340282366920938463463374607431768211455"}},
               {{"Data", "Yw=="}, {"PartitionKey", "x"}, {"ExplicitHashKey", "1"}}}}};
  const auto out = o.answer(put_records, in);
  EXPECT_EQ(out.at("FailedRecordCount"), 0);
  ASSERT_EQ(out.at("Records").size(), 3u);
  EXPECT_EQ(out.at("Records")[0].at("ShardId"), "shardId-000000000000");
  EXPECT_EQ(out.at("Records")[1].at("ShardId"), "shardId-000000000001");
  EXPECT_EQ(out.at("Records")[2].at("ShardId"), "shardId-000000000000");
  EXPECT_LT(out.at("Records")[0].at("SequenceNumber").get<std::string>(),
            out.at("Records")[2].at("SequenceNumber").get<std::string>());
  // The fast path from the same body answers the same shape.
  o.ctx.now_ms = o.clock.now_ms();
  const std::string body = in.dump();  // the request views it: it outlives the run
  PutRequest read;
  ASSERT_TRUE(read_put_records(body, read));
  const auto again = o.body(run_put_records(o.ctx, read));
  EXPECT_EQ(again.at("Records")[1].at("ShardId"), "shardId-000000000001");
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "s")->shards()[0]->record_count(), 4u);
}

TEST(PutRecords, TenMegabytesPerRequest) {
  Operations o;
  o.stream("s");
  // 11 records of 1 MiB minus their key: over 10 MiB in all, each under the record limit.
  const std::string mib(1024 * 1024 - 2, 'x');
  const auto data = protocol::base64_encode(mib);
  EXPECT_EQ(o.message(put_records, {{"StreamName", "s"}, {"Records", records(11, data)}}),
            "Records size exceeds 10 MB limit");
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "s")->shards()[0]->record_count(), 0u);
}

TEST(PutRecords, AnInjectedPartialFailsItsShareWithTheRuleError) {
  Operations o;
  o.stream("s");
  faults::Fired fired;
  fired.error = "ProvisionedThroughputExceededException";
  fired.partial = 0.25;
  fired.draw = 7;
  o.ctx.partial_fault = &fired;
  const auto out = o.answer(put_records, {{"StreamName", "s"}, {"Records", records(10)}});
  EXPECT_EQ(out.at("FailedRecordCount"), 3);  // ceil(0.25 x 10)
  int failed = 0;
  for (const auto& r : out.at("Records"))
    if (r.contains("ErrorCode")) {
      ++failed;
      EXPECT_EQ(r.at("ErrorCode"), "ProvisionedThroughputExceededException");
      EXPECT_FALSE(r.contains("SequenceNumber"));
    }
  EXPECT_EQ(failed, 3);
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "s")->shards()[0]->record_count(), 7u);
  // The same seed picks the same records.
  const auto again = o.answer(put_records, {{"StreamName", "s"}, {"Records", records(10)}});
  for (size_t i = 0; i < 10; ++i)
    EXPECT_EQ(again.at("Records")[i].contains("ErrorCode"),
              out.at("Records")[i].contains("ErrorCode"));
}

TEST(PutRecords, ADryRunAppendsNothing) {
  Operations o;
  o.stream("s");
  EXPECT_EQ(o.error(put_records, {{"StreamName", "s"}, {"Records", records(2)}, {"DryRun", true}}),
            "DryRunOperationException");
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "s")->shards()[0]->record_count(), 0u);
}

}  // namespace
}  // namespace kinesisd::operations
