#include "protocol/validator.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace kinesisd::protocol {

namespace {
std::optional<Error> check(const char* op, const char* body) {
  auto doc = nlohmann::json::parse(body);
  return validate_and_truncate(*Model::kinesis().input(op), doc);
}
}  // namespace

TEST(Validator, TheModelHasAllFortyFiveOperations) {
  EXPECT_EQ(Model::kinesis().operations().size(), 45u);  // botocore 1.43.117's
  EXPECT_EQ(Model::kinesis().target_prefix(), "Kinesis_20131202");
  EXPECT_EQ(Model::kinesis().input("NoSuchThing"), nullptr);
  EXPECT_NE(Model::kinesis().input("DescribeLimits"), nullptr);  // no input shape: empty structure
}

TEST(Validator, AcceptsValidInput) {
  EXPECT_FALSE(check("PutRecord", R"({"StreamName":"s","PartitionKey":"p","Data":"aGk="})"));
  EXPECT_FALSE(check("ListStreams", R"({"Limit":null,"Unknown":1})"));
}

TEST(Validator, RequiredMemberIsNotNull) {
  auto e = check("GetRecords", R"({"Limit":5})");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->type, "ValidationException");
  EXPECT_EQ(
      e->message,
      "1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: "
      "Member must not be null");
  // PartitionKey is optional in today's model: an AUTO stream takes records
  // without one, so the operation, not the model, requires it (check_keys).
  EXPECT_FALSE(check("PutRecord", R"({"StreamName":"s","Data":"aGk="})"));
}

TEST(Validator, JoinsSeveralViolationsInMemberOrder) {
  auto e = check("CreateStream", R"({"StreamName":"","ShardCount":0})");
  ASSERT_TRUE(e);
  EXPECT_EQ(
      e->message,
      "3 validation errors detected: "
      "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater "
      "than or equal to 1; "
      "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular "
      "expression pattern: [a-zA-Z0-9_.-]+; "
      "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater "
      "than or equal to 1");
}

TEST(Validator, ListItemsAreOneBasedAndBlobsShowTheirLength) {
  auto e = check(
      "PutRecords",
      R"({"StreamName":"s","Records":[{"Data":"aGk=","PartitionKey":"p"},{"Data":"aGk=","PartitionKey":""}]})");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->message,
            "1 validation error detected: Value '' at 'records.2.member.partitionKey' failed to "
            "satisfy constraint: Member must have length greater than or equal to 1");
  auto empty = check("PutRecords", R"({"StreamName":"s","Records":[]})");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->message,
            "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1");
}

TEST(Validator, EnumsAndPatterns) {
  auto e =
      check("GetShardIterator", R"({"StreamName":"s","ShardId":"x","ShardIteratorType":"NOPE"})");
  ASSERT_TRUE(e);
  EXPECT_NE(
      e->message.find("Value 'NOPE' at 'shardIteratorType' failed to satisfy constraint: Member "
                      "must satisfy enum value set: ["),
      std::string::npos);
  auto arn = check("DescribeStreamSummary", R"({"StreamARN":"arn:aws:kinesis:r:12:stream/s"})");
  ASSERT_TRUE(arn);
  EXPECT_NE(arn->message.find("Member must satisfy regular expression pattern: "
                              "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"),
            std::string::npos);
  EXPECT_FALSE(
      check("DescribeStreamSummary", R"({"StreamARN":"arn:aws:kinesis:r:123456789012:stream/s"})"));
}

// AWS's order for ShardIteratorType (kinesalite's validations, recorded from AWS).
TEST(Validator, EnumValueSetsInTheOrderAwsPrintsThem) {
  auto e =
      check("GetShardIterator", R"({"StreamName":"s","ShardId":"x","ShardIteratorType":"NOPE"})");
  ASSERT_TRUE(e);
  EXPECT_NE(e->message.find("Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, "
                            "AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]"),
            std::string::npos)
      << e->message;
}

// A list of structures is printed as Coral's Java objects: AWS's answer to 501
// records of {"PartitionKey": "", "Data": ""}, as kinesalite's putRecords test
// records it.
TEST(Validator, StructuresInAListAreJavaObjectReferences) {
  std::string records, expected;
  for (int i = 0; i < 501; ++i) {
    records += std::string(i ? "," : "") + R"({"Data":"","PartitionKey":""})";
    expected += std::string(i ? ", " : "") +
                "com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310";
  }
  auto e = check("PutRecords", (R"({"StreamName":"s","Records":[)" + records + "]}").c_str());
  ASSERT_TRUE(e);
  EXPECT_NE(e->message.find("Value '[" + expected +
                            "]' at 'records' failed to satisfy constraint: Member must have "
                            "length less than or equal to 500"),
            std::string::npos)
      << e->message.substr(0, 300);
}

TEST(Validator, PartitionKeyLengthCountsCharactersNotBytes) {
  std::string key;
  for (int i = 0; i < 256; ++i) key += "\xc3\xa9";  // 256 x 'é', 512 bytes
  const auto body = R"({"StreamName":"s","Data":"","PartitionKey":")" + key + R"("})";
  EXPECT_FALSE(validate_input(*Model::kinesis().input("PutRecord"), nlohmann::json::parse(body)));
}

TEST(Validator, StopsAtTenViolations) {
  std::string records;
  for (int i = 0; i < 12; ++i)
    records += std::string(i ? "," : "") + R"({"Data":"","PartitionKey":""})";
  auto e = check("PutRecords", (R"({"StreamName":"s","Records":[)" + records + "]}").c_str());
  ASSERT_TRUE(e);
  EXPECT_EQ(e->message.rfind("10 validation errors detected: ", 0), 0u);
}

TEST(Validator, WrongTypesAreSerializationErrors) {
  auto e = check("ListStreams", R"({"Limit":"5"})");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->type, "SerializationException");
  EXPECT_TRUE(e->capital_m);
  EXPECT_EQ(e->message, "class java.lang.String can not be converted to an Integer");
  EXPECT_EQ(check("ListStreams", R"({"ExclusiveStartStreamName":23})")->message,
            "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to "
            "an String");
  EXPECT_EQ(check("PutRecords", R"({"Records":{}})")->message,
            "Start of structure or map found where not expected.");
  EXPECT_EQ(check("PutRecords", R"({"Records":"x"})")->message, "Expected list or null");
  EXPECT_EQ(check("DeleteStream", R"({"EnforceConsumerDeletion":"yes"})")->message,
            "'YES' can not be converted to an Boolean");
}

// Coral's TruncatingBigNumber: a fraction is dropped and a number past the
// integer type's range reads as its bound (kinesalite's validations, checked
// against AWS, clamp Integer members to 2147483647).
TEST(Validator, IntegersAreTruncated) {
  EXPECT_EQ(check("ListStreams", R"({"Limit":99999999999})")->message,
            "1 validation error detected: Value '2147483647' at 'limit' failed to satisfy "
            "constraint: Member must have value less than or equal to 10000");
  EXPECT_EQ(check("ListStreams", R"({"Limit":0.9})")->message,
            "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
            "Member must have value greater than or equal to 1");
  auto doc = nlohmann::json::parse(R"({"Limit":5.7})");
  EXPECT_FALSE(validate_and_truncate(*Model::kinesis().input("ListStreams"), doc));
  EXPECT_EQ(doc["Limit"], 5);
  doc = nlohmann::json::parse(R"({"StreamName":"s","RetentionPeriodHours":1e300})");
  EXPECT_FALSE(
      validate_and_truncate(*Model::kinesis().input("IncreaseStreamRetentionPeriod"), doc));
  EXPECT_EQ(doc["RetentionPeriodHours"], 2147483647);
}

// List members and map keys and values list every rule of the member when
// any is broken (kinesalite's childKeyLengths / childValueLengths).
TEST(Validator, MemberRulesAreListedInFull) {
  EXPECT_EQ(check("AddTagsToStream", R"({"StreamName":"s","Tags":{"":"v"}})")->message,
            "1 validation error detected: Value '{=v}' at 'tags' failed to satisfy constraint: Map "
            "keys must satisfy constraint: [Member must have length less than or equal to 128, "
            "Member must have length greater than or equal to 1]");
  EXPECT_EQ(check("RemoveTagsFromStream", R"({"StreamName":"s","TagKeys":[""]})")->message,
            "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: "
            "Member must satisfy constraint: [Member must have length less than or equal to 128, "
            "Member must have length greater than or equal to 1]");
}

}  // namespace kinesisd::protocol
