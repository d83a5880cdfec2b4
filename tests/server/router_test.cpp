#include "server/router.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "protocol/cbor.hpp"
#include "tests/kinesis/kinesis_service.hpp"

namespace kinesisd::service {

using protocol::ApiRequest;
using protocol::ApiResponse;
using protocol::cbor_decode;
using protocol::cbor_encode;
using protocol::iequals;
using protocol::kAmzCbor;

namespace {

struct Fixture : testing::KinesisService {
  ApiResponse call(std::string_view op, std::string_view body,
                   std::string_view content_type = "application/x-amz-json-1.1") {
    const std::string target = "Kinesis_20131202." + std::string(op);
    ApiRequest r;
    r.method = "POST";
    r.path = "/";
    r.headers = {{"Content-Type", content_type},
                 {"X-Amz-Target", target},
                 {"X-Amz-Date", "20261122T000000Z"},
                 {"Authorization",
                  "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/kinesis/aws4_request, "
                  "SignedHeaders=host, Signature=00"}};
    r.body = body;
    return router.handle(r);
  }
};

std::string header(const ApiResponse& r, std::string_view name) {
  for (const auto& [n, v] : r.headers)
    if (iequals(n, name)) return v;
  return {};
}

}  // namespace

TEST(Router, VoidOperationsAnswerAnEmpty200WithRequestIds) {
  Fixture f;
  auto r = f.call("CreateStream", R"({"StreamName":"s","ShardCount":1})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(header(r, "x-amzn-RequestId").size(), 36u);
  EXPECT_FALSE(header(r, "x-amz-id-2").empty());
}

TEST(Router, ErrorsCarryTypeInBodyAndHeader) {
  Fixture f;
  auto r = f.call("DescribeStream", R"({"StreamName":"nope"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(header(r, "x-amzn-ErrorType"), "ResourceNotFoundException");
  EXPECT_EQ(nlohmann::json::parse(r.body),
            (nlohmann::json{{"__type", "ResourceNotFoundException"},
                            {"message", "Stream nope under account 000000000000 not found."}}));
}

TEST(Router, IteratorsExpireAfterFiveMinutes) {
  Fixture f;
  f.call("CreateStream", R"({"StreamName":"s","ShardCount":1})");
  auto it = nlohmann::json::parse(
      f.call("GetShardIterator",
             R"({"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"LATEST"})")
          .body)["ShardIterator"];
  const std::string body = nlohmann::json{{"ShardIterator", it}}.dump();
  EXPECT_EQ(f.call("GetRecords", body).status, 200);
  f.clock.advance(300'001);
  auto r = f.call("GetRecords", body);
  EXPECT_EQ(header(r, "x-amzn-ErrorType"), "ExpiredIteratorException");
  const auto message = nlohmann::json::parse(r.body)["message"].get<std::string>();
  EXPECT_EQ(message.rfind("Iterator expired. The iterator was created at time ", 0), 0u);
  EXPECT_NE(message.find(
                "which is further in the future than the tolerated delay of 300000 milliseconds."),
            std::string::npos);
}

TEST(Router, AtTimestampInTheFutureIsRefused) {
  Fixture f;
  f.call("CreateStream", R"({"StreamName":"s","ShardCount":1})");
  auto r = f.call(
      "GetShardIterator",
      R"({"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":9999999999})");
  EXPECT_EQ(header(r, "x-amzn-ErrorType"), "InvalidArgumentException");
  EXPECT_NE(
      r.body.find(
          "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis"),
      std::string::npos);
}

TEST(Router, AbsurdTimestampsAreAnsweredNotOverflowed) {
  Fixture f;
  f.call("CreateStream", R"({"StreamName":"s","ShardCount":1})");
  for (const char* ts : {"1e300", "-1e300", "9.2e18"}) {
    auto r = f.call(
        "GetShardIterator",
        std::string(
            R"({"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":)") +
            ts + "}");
    EXPECT_TRUE(r.status == 200 || header(r, "x-amzn-ErrorType") == "InvalidArgumentException")
        << ts;
  }
}

TEST(Router, SequenceNumberFromAnotherShardIsRefused) {
  Fixture f;
  f.call("CreateStream", R"({"StreamName":"s","ShardCount":2})");
  auto put = nlohmann::json::parse(
      f.call("PutRecord", R"({"StreamName":"s","PartitionKey":"pk1","Data":"aGk="})").body);
  ASSERT_EQ(put["ShardId"], "shardId-000000000001");
  nlohmann::json req{{"StreamName", "s"},
                     {"ShardId", "shardId-000000000000"},
                     {"ShardIteratorType", "AT_SEQUENCE_NUMBER"},
                     {"StartingSequenceNumber", put["SequenceNumber"]}};
  auto r = f.call("GetShardIterator", req.dump());
  EXPECT_EQ(
      nlohmann::json::parse(r.body)["message"],
      "Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a "
      "call to a shard with shardId-000000000000");
}

TEST(Router, RecordsLargerThanTheStreamMaximumAreRefused) {
  Fixture f;
  f.call("CreateStream", R"({"StreamName":"s","ShardCount":1})");
  const std::string data(1398104, 'A');  // 1048578 bytes decoded: over 1 MiB
  auto r = f.call("PutRecord", R"({"StreamName":"s","PartitionKey":"p","Data":")" + data + "\"}");
  EXPECT_EQ(header(r, "x-amzn-ErrorType"), "ValidationException");
}

// CBOR requests run the same checks and operations as JSON; answers are CBOR.
TEST(Router, CborRequestsAndErrorsAreCbor) {
  Fixture f;
  using nlohmann::json;
  auto cbor = [&](std::string_view op, const json& body) {
    return f.call(op, cbor_encode(body), kAmzCbor);
  };
  ASSERT_EQ(cbor("CreateStream", {{"StreamName", "s"}, {"ShardCount", 1}}).status, 200);
  const auto put =
      cbor("PutRecord",
           {{"StreamName", "s"}, {"PartitionKey", "k"}, {"Data", json::binary({0x00, 0xff})}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.content_type, kAmzCbor);
  EXPECT_EQ((*cbor_decode(put.body))["ShardId"], "shardId-000000000000");

  // A byte string where the model wants a string, number, boolean or time:
  // a SerializationException in CBOR, never a dropped connection.
  for (const auto& [op, body] : std::vector<std::pair<std::string, json>>{
           {"DescribeStreamSummary", {{"StreamName", json::binary({'s'})}}},
           {"ListStreams", {{"Limit", json::binary({1})}}},
           {"GetShardIterator",
            {{"StreamName", "s"},
             {"ShardId", "shardId-000000000000"},
             {"ShardIteratorType", "AT_TIMESTAMP"},
             {"Timestamp", json::binary({1})}}},
           {"CreateStream",
            {{"StreamName", "t"},
             {"ShardCount", 1},
             {"StreamModeDetails", {{"StreamMode", json::binary({1})}}}}}}) {
    const auto r = cbor(op, body);
    EXPECT_EQ(r.status, 400) << op;
    EXPECT_EQ(r.content_type, kAmzCbor);
    const auto error = cbor_decode(r.body);
    ASSERT_TRUE(error) << op;
    EXPECT_EQ((*error)["__type"], "SerializationException") << op;
    EXPECT_EQ((*error)["Message"].get<std::string>().rfind("class [B can not be converted", 0), 0u)
        << error->dump();
  }
}

// A preflight is OPTIONS with an Origin: no x-amz-id-2, nothing exposed
// (kinesalite's test/connection.js assertCors). OPTIONS without an Origin is
// a request no operation takes: AWS's XML answer.
// A control path whose endpoint is off is not taken for an AWS call (the
// JSON endpoint would answer application/json with a 200 Coral envelope).
TEST(Router, ControlPathsThatAreOffSayWhichFlagTurnsThemOn) {
  Fixture f;  // no --test-clock, no --faults
  ApiRequest r;
  r.method = "POST";
  r.path = "/_kinesisd/clock";
  r.headers = {{"Content-Type", "application/json"}};
  r.body = R"({"advance_ms": 1})";
  auto clock = f.router.handle(r);
  EXPECT_EQ(clock.status, 404);
  EXPECT_NE(clock.body.find("--test-clock 1"), std::string::npos) << clock.body;
  r.path = "/_kinesisd/faults";
  EXPECT_NE(f.router.handle(r).body.find("--faults 1"), std::string::npos);
  r.path = "/_kinesisd/nothing";
  EXPECT_EQ(f.router.handle(r).status, 404);
}

TEST(Router, PreflightsNeedAnOrigin) {
  Fixture f;
  ApiRequest r;
  r.method = "OPTIONS";
  r.path = "/";
  r.headers = {{"Origin", "http://x"}};
  auto pre = f.router.handle(r);
  EXPECT_EQ(pre.status, 200);
  EXPECT_EQ(header(pre, "Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(header(pre, "x-amz-id-2"), "");
  EXPECT_EQ(header(pre, "Access-Control-Expose-Headers"), "");
  EXPECT_EQ(pre.content_type, "");
  r.headers.clear();
  auto plain = f.router.handle(r);
  EXPECT_EQ(plain.status, 403);
  EXPECT_EQ(plain.body,
            "<MissingAuthenticationTokenException>\n  <Message>Missing Authentication "
            "Token</Message>\n</MissingAuthenticationTokenException>\n");
  EXPECT_FALSE(header(plain, "x-amz-id-2").empty());
}

}  // namespace kinesisd::service
