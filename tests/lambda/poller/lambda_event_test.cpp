#include "lambda/poller/lambda_event.hpp"

#include <gtest/gtest.h>

namespace kinesisd::poller {
namespace {

BatchOrigin source() {
  return {"shardId-000000000006", "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream",
          "us-east-2", "arn:aws:iam::123456789012:role/lambda-role"};
}

TEST(LambdaEvent, HasLambdasShapeAndKeyOrder) {
  std::vector<PolledRecord> r = {{0, "49590338271490256608559692538361571095921575989136588898",
                                  "1", "Hello, this is a test.", 1545084650987, false}};
  const std::string event = build_event(source(), r);
  EXPECT_EQ(
      event,
      R"({"Records":[{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"1",)"
      R"("sequenceNumber":"49590338271490256608559692538361571095921575989136588898",)"
      R"("data":"SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==","approximateArrivalTimestamp":1545084650.987},)"
      R"("eventSource":"aws:kinesis","eventVersion":"1.0",)"
      R"("eventID":"shardId-000000000006:49590338271490256608559692538361571095921575989136588898",)"
      R"("eventName":"aws:kinesis:record","invokeIdentityArn":"arn:aws:iam::123456789012:role/lambda-role",)"
      R"("awsRegion":"us-east-2","eventSourceARN":"arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"}]})");
  EXPECT_LE(event.size(), event_bytes(r[0]) + 16);
}

TEST(LambdaEvent, EscapesKeysAndMarksKmsRecords) {
  std::vector<PolledRecord> r = {{0, "1", "a\"b\\c", "", 1000, true}};
  const auto doc = nlohmann::json::parse(build_event(source(), r));
  EXPECT_EQ(doc["Records"][0]["kinesis"]["partitionKey"], "a\"b\\c");
  EXPECT_EQ(doc["Records"][0]["kinesis"]["encryptionType"], "KMS");
  EXPECT_DOUBLE_EQ(doc["Records"][0]["kinesis"]["approximateArrivalTimestamp"].get<double>(), 1.0);
}

TEST(LambdaEvent, FailureRecordCarriesTheBatchInfo) {
  std::vector<PolledRecord> r = {{0, "100", "k", "x", 1573692484835, false},
                                 {1, "200", "k", "y", 1573692485580, false}};
  FailureInfo info{"RetryAttemptsExhausted", 3, "Unhandled"};
  const auto doc = build_failure_record(
      source(), "arn:aws:lambda:us-east-2:123456789012:function:f", r, info, 1573692486021);
  EXPECT_EQ(doc["requestContext"]["condition"], "RetryAttemptsExhausted");
  EXPECT_EQ(doc["requestContext"]["approximateInvokeCount"], 3);
  EXPECT_EQ(doc["responseContext"]["functionError"], "Unhandled");
  EXPECT_EQ(doc["timestamp"], "2019-11-14T00:48:06.021Z");
  const auto& k = doc["KinesisBatchInfo"];
  EXPECT_EQ(k["startSequenceNumber"], "100");
  EXPECT_EQ(k["endSequenceNumber"], "200");
  EXPECT_EQ(k["approximateArrivalOfFirstRecord"], "2019-11-14T00:48:04.835Z");
  EXPECT_EQ(k["batchSize"], 2);
  EXPECT_EQ(k["shardId"], "shardId-000000000006");
}

TEST(LambdaEvent, NeverInvokedBatchesHaveNoResponseContext) {
  std::vector<PolledRecord> r = {{0, "1", "k", "x", 1000, false}};
  const auto doc = build_failure_record(source(), "f", r, {"RecordAgeExceeded", 0, ""}, 2000);
  EXPECT_FALSE(doc.contains("responseContext"));
}

TEST(LambdaEvent, FilterDocumentDecodesJsonData) {
  PolledRecord r{0, "5", "pk", R"({"a":1})", 1500, false};
  const auto doc = filter_document(r);
  EXPECT_EQ(doc["data"]["a"], 1);
  EXPECT_EQ(doc["partitionKey"], "pk");
  r.data = "not json";
  EXPECT_FALSE(filter_document(r).contains("data"));
}

}  // namespace
}  // namespace kinesisd::poller
