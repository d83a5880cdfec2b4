#include "kinesis/operations/record_input.hpp"

#include <gtest/gtest.h>

#include "protocol/model.hpp"
#include "protocol/validator.hpp"

namespace kinesisd::operations {
namespace {

const protocol::Shape& shape(const char* operation) {
  return *protocol::Model::kinesis().input(operation);
}

// What the general path makes of a body: nullopt when it refuses it.
std::optional<PutRequest> general(std::string_view body, bool batch) {
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  if (protocol::validate_input(shape(batch ? "PutRecords" : "PutRecord"), doc)) return std::nullopt;
  // The views point into `doc`: compare while it lives.
  static json keep;
  keep = std::move(doc);
  return put_request_from(keep, batch);
}

void expect_same(const PutRequest& a, const PutRequest& b) {
  EXPECT_EQ(a.stream_name, b.stream_name);
  ASSERT_EQ(a.records.size(), b.records.size());
  for (size_t i = 0; i < a.records.size(); ++i) {
    EXPECT_EQ(a.records[i].partition_key, b.records[i].partition_key);
    EXPECT_EQ(a.records[i].data, b.records[i].data);
    EXPECT_EQ(a.records[i].explicit_hash_key, b.records[i].explicit_hash_key);
  }
}

}  // namespace

TEST(RecordInput, TheFastReaderAcceptsOnlyWhatTheGeneralPathAccepts) {
  const std::vector<std::pair<std::string, bool>> bodies = {
      {R"({"StreamName":"s","Records":[{"Data":"aGk=","PartitionKey":"k"}]})", true},
      {R"({ "Records" : [ {"PartitionKey":"k1","Data":""}, {"Data":"YQ==","PartitionKey":"k2",
           "ExplicitHashKey":"170141183460469231731687303715884105728"} ], "StreamName":"s" })",
       true},
      {R"({"StreamName":"s","Data":"aGk=","PartitionKey":"k"})", false},
      {R"({"StreamName":"s","Data":"aGk=","PartitionKey":"k","ExplicitHashKey":"0"})", false},
      // Each of these is refused by one path or needs the other's rules:
      {R"({"StreamName":"s","Records":[]})", true},                                   // min 1
      {R"({"StreamName":"s","Records":[{"Data":"aGk","PartitionKey":"k"}]})", true},  // base64
      {R"({"StreamName":"s","Records":[{"Data":"aGk=","PartitionKey":""}]})", true},  // min 1
      {R"({"StreamName":"a b","Records":[{"Data":"aGk=","PartitionKey":"k"}]})", true},
      {R"({"StreamName":"s","Records":[{"Data":"aGk=","PartitionKey":"k","X":"1"}]})", true},
      {R"({"StreamName":"s","Records":[{"Data":"aGk=","PartitionKey":"k\"q"}]})", true},
      {R"({"StreamName":"s","Records":[{"Data":"aG\u006b=","PartitionKey":"k"}]})", true},
      {R"({"StreamName":"s","Records":[{"Data":"aGk=","PartitionKey":"k",
           "ExplicitHashKey":"012"}]})",
       true},
      {R"({"StreamName":"s","Records":[{"Data":null,"PartitionKey":"k"}]})", true},
      {R"({"StreamName":"s","Records":[{"Data":"aGk=","PartitionKey":"k"}]} trailing)", true},
      {R"({"StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s","Data":"aGk=",
           "PartitionKey":"k"})",
       false},
      {R"({"StreamName":"s","Data":"aGk=","PartitionKey":"k","SequenceNumberForOrdering":"1"})",
       false},
  };
  for (const auto& [body, batch] : bodies) {
    SCOPED_TRACE(body);
    const auto fast = scan_put_request(body, batch);
    if (!fast) continue;  // the general path decides, whatever it says
    const auto slow = general(body, batch);
    ASSERT_TRUE(slow) << "the fast reader accepted what the general path refuses";
    expect_same(*fast, *slow);
  }
  // The common forms do take the fast path.
  EXPECT_TRUE(scan_put_request(bodies[0].first, true));
  EXPECT_TRUE(scan_put_request(bodies[1].first, true));
  EXPECT_TRUE(scan_put_request(bodies[2].first, false));
}

TEST(RecordInput, FiveHundredRecordsAtMost) {
  std::string body = R"({"StreamName":"s","Records":[)";
  for (int i = 0; i < 501; ++i)
    body += std::string(i ? "," : "") + R"({"Data":"","PartitionKey":"k"})";
  body += "]}";
  EXPECT_FALSE(scan_put_request(body, true));
}

TEST(RecordInput, ExplicitHashKeysPastTheRangeAreInvalidArguments) {
  PutEntry e{"k", "", std::string_view("340282366920938463463374607431768211456")};  // 2^128
  auto key = hash_key_of(e);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().type, "InvalidArgumentException");
  PutEntry max{"k", "", std::string_view("340282366920938463463374607431768211455")};
  EXPECT_TRUE(hash_key_of(max).ok());
}

}  // namespace kinesisd::operations

namespace kinesisd::operations {}  // namespace kinesisd::operations
