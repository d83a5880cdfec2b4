#include "firehose/delivery/partition_query.hpp"

#include <gtest/gtest.h>

#include "firehose/delivery/object_key.hpp"

namespace kinesisd::delivery {

// The developer guide's example: a record, its keys by inline parsing.
TEST(PartitionQuery, ExtractsTheGuidesKeysFromAJsonRecord) {
  auto query = PartitionQuery::compile(
      "{customer_id: .customer_id, device: .type.device, year: .event_timestamp | "
      "strftime(\"%Y\")}");
  ASSERT_TRUE(query.ok()) << query.error().message;
  std::string error;
  const auto keys = query.value()->keys(
      R"({"type": {"device": "mobile", "event": "click"}, "customer_id": "1234567890",
          "event_timestamp": 1565382027, "region": "sample_region"})",
      error);
  ASSERT_TRUE(keys) << error;
  EXPECT_EQ(*keys, (PartitionKeys{{"customer_id", "1234567890"}, {"device", "mobile"},
                                  {"year", "2019"}}));
  // The same compiled query runs again on the next record.
  const auto next = query.value()->keys(R"({"customer_id": 7, "type": {"device": true},
                                           "event_timestamp": 0})",
                                        error);
  ASSERT_TRUE(next) << error;
  EXPECT_EQ(next->at("customer_id"), "7");
  EXPECT_EQ(next->at("device"), "true");
}

TEST(PartitionQuery, SaysWhyARecordHasNoKeys) {
  auto query = PartitionQuery::compile("{customer_id: .customer_id}");
  ASSERT_TRUE(query.ok());
  std::string error;
  EXPECT_FALSE(query.value()->keys("not json", error));
  EXPECT_NE(error.find("not valid JSON"), std::string::npos) << error;
  EXPECT_FALSE(query.value()->keys(R"({"other": 1})", error));  // null
  EXPECT_EQ(error, "The partitioning key 'customer_id' is null in the record.");
  EXPECT_FALSE(query.value()->keys(R"({"customer_id": [1]})", error));
  EXPECT_FALSE(query.value()->keys(R"("a string")", error));  // jq cannot index it
  EXPECT_NE(error.find("The query failed"), std::string::npos) << error;
  auto scalar = PartitionQuery::compile(".customer_id");
  ASSERT_TRUE(scalar.ok());
  EXPECT_FALSE(scalar.value()->keys(R"({"customer_id": "x"})", error));
  EXPECT_EQ(error, "The query's result is not an object of partitioning keys.");
}

TEST(PartitionQuery, RefusesAProgramJqCannotCompile) {
  auto query = PartitionQuery::compile("{customer_id: .customer_id");
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.error().type, "InvalidArgumentException");
  EXPECT_NE(query.error().message.find("is not a valid JQ-1.6 expression"), std::string::npos)
      << query.error().message;
}

TEST(PartitionPrefix, TakesEachRecordsKeysFromTheQueryAndTheLambda) {
  std::string missing;
  const auto prefix = partition_prefix(
      "customer_id=!{partitionKeyFromQuery:customer_id}/day=!{partitionKeyFromLambda:day}/",
      {{"customer_id", "42"}}, {{"day", "09"}}, missing);
  ASSERT_TRUE(prefix);
  EXPECT_EQ(*prefix, "customer_id=42/day=09/");
  EXPECT_FALSE(partition_prefix("!{partitionKeyFromLambda:day}/", {{"day", "09"}}, {}, missing));
  EXPECT_EQ(missing, "partitionKeyFromLambda:day");
  // No default time part: the key is the evaluated prefix, then the name.
  const auto key = partitioned_object_key("customer_id=42/", "ctr", 1, 1565382027000);
  EXPECT_EQ(key.rfind("customer_id=42/ctr-1-2019-08-09-20-20-27-", 0), 0u) << key;
}

}  // namespace kinesisd::delivery
