#include "lambda/mappings/mapping_request.hpp"

#include <gtest/gtest.h>

namespace kinesisd::lambda {

using poller::MappingConfig;
using poller::PolledRecord;
namespace {

using json = nlohmann::json;
constexpr int64_t kNow = 1'700'000'000'000;

json base() {
  return {{"EventSourceArn", "arn:aws:kinesis:us-east-1:000000000000:stream/ctr"},
          {"FunctionName", "enrich"},
          {"StartingPosition", "TRIM_HORIZON"}};
}

std::optional<protocol::Error> create(json body, MappingConfig& c) {
  return read_mapping_request(body, RequestKind::kCreate, c, kNow);
}

TEST(MappingRequest, HasLambdasDefaults) {
  MappingConfig c;
  ASSERT_FALSE(create(base(), c));
  EXPECT_EQ(c.batch_size, 100);
  EXPECT_EQ(c.maximum_batching_window_s, 0);
  EXPECT_EQ(c.parallelization_factor, 1);
  EXPECT_EQ(c.maximum_retry_attempts, -1);
  EXPECT_EQ(c.maximum_record_age_s, -1);
  EXPECT_FALSE(c.bisect_batch_on_function_error);
  EXPECT_TRUE(c.enabled);
  EXPECT_EQ(c.stream_region, "us-east-1");
  EXPECT_EQ(c.stream_name, "ctr");
}

TEST(MappingRequest, ModelConstraintsGiveCoralValidationErrors) {
  MappingConfig c;
  auto body = base();
  body["BatchSize"] = 0;
  body["ParallelizationFactor"] = 11;
  const auto e = create(body, c);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->type, "ValidationException");
  EXPECT_EQ(e->message,
            "2 validation errors detected: Value '0' at 'batchSize' failed to satisfy constraint: "
            "Member must have value greater than or equal to 1; Value '11' at "
            "'parallelizationFactor' failed to satisfy constraint: Member must have value less "
            "than or equal to 10");
}

TEST(MappingRequest, AConsumerArnNamesItsStreamAndTheConsumer) {
  MappingConfig c;
  auto body = base();
  body["EventSourceArn"] =
      "arn:aws:kinesis:eu-west-1:111122223333:stream/ctr/consumer/lambda:1700000000";
  ASSERT_FALSE(create(body, c));
  EXPECT_EQ(c.stream_region, "eu-west-1");
  EXPECT_EQ(c.stream_account, "111122223333");
  EXPECT_EQ(c.stream_name, "ctr");
  EXPECT_EQ(c.consumer_name, "lambda");
  EXPECT_EQ(c.event_source_arn, body["EventSourceArn"]);
}

TEST(MappingRequest, TumblingWindowsAreTakenInTheModelsRange) {
  MappingConfig c;
  auto body = base();
  body["TumblingWindowInSeconds"] = 60;
  ASSERT_FALSE(create(body, c));
  EXPECT_EQ(c.tumbling_window_s, 60);
  body["TumblingWindowInSeconds"] = 901;
  const auto e = create(body, c);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->message,
            "1 validation error detected: Value '901' at 'tumblingWindowInSeconds' failed to "
            "satisfy constraint: Member must have value less than or equal to 900");
}

TEST(MappingRequest, StreamRulesGiveInvalidParameterValue) {
  struct Case {
    const char* key;
    json value;
  } cases[] = {{"EventSourceArn", "arn:aws:sqs:us-east-1:000000000000:queue"},
               {"StartingPosition", nullptr},
               {"StartingPosition", "AT_TIMESTAMP"},
               {"MaximumRecordAgeInSeconds", 10},
               {"FilterCriteria", {{"Filters", {{{"Pattern", "{\"data\":5}"}}}}}},
               {"DestinationConfig",
                {{"OnFailure", {{"Destination", "arn:aws:sqs:us-east-1:000000000000:q.fifo"}}}}},
               {"DestinationConfig", {{"OnSuccess", {{"Destination", "file:///tmp"}}}}}};
  for (const auto& k : cases) {
    MappingConfig c;
    auto body = base();
    body[k.key] = k.value;
    const auto e = create(body, c);
    ASSERT_TRUE(e) << k.key;
    EXPECT_EQ(e->type, "InvalidParameterValueException") << k.key << ": " << e->message;
  }
}

TEST(MappingRequest, ReadsEveryParameter) {
  MappingConfig c;
  auto body = base();
  body["StartingPosition"] = "AT_TIMESTAMP";
  body["StartingPositionTimestamp"] = 1'600'000'000.5;
  body["BatchSize"] = 5;
  body["MaximumBatchingWindowInSeconds"] = 2;
  body["ParallelizationFactor"] = 3;
  body["BisectBatchOnFunctionError"] = true;
  body["MaximumRetryAttempts"] = 4;
  body["MaximumRecordAgeInSeconds"] = 120;
  body["FunctionResponseTypes"] = {"ReportBatchItemFailures"};
  body["FilterCriteria"] = {{"Filters", {{{"Pattern", R"({"data":{"Channel":["VOICE"]}})"}}}}};
  body["DestinationConfig"] = {{"OnFailure", {{"Destination", "file:///tmp/dlq"}}}};
  body["Enabled"] = false;
  ASSERT_FALSE(create(body, c));
  EXPECT_EQ(*c.starting_position_timestamp_ms, 1'600'000'000'500);
  EXPECT_EQ(c.batch_size, 5);
  EXPECT_EQ(c.maximum_batching_window_s, 2);
  EXPECT_EQ(c.parallelization_factor, 3);
  EXPECT_TRUE(c.bisect_batch_on_function_error);
  EXPECT_EQ(c.maximum_retry_attempts, 4);
  EXPECT_EQ(c.maximum_record_age_s, 120);
  EXPECT_TRUE(c.report_batch_item_failures);
  EXPECT_EQ(c.filters.size(), 1u);
  EXPECT_EQ(c.on_failure->text(), "file:///tmp/dlq");
  EXPECT_FALSE(c.enabled);
  PolledRecord voice{0, "1", "k", R"({"Channel":"VOICE"})", 0, false};
  PolledRecord chat{0, "1", "k", R"({"Channel":"CHAT"})", 0, false};
  EXPECT_TRUE(c.accepts(voice));
  EXPECT_FALSE(c.accepts(chat));
}

TEST(MappingRequest, AnUpdateChangesOnlyWhatItNames) {
  MappingConfig c;
  auto body = base();
  body["BatchSize"] = 5;
  ASSERT_FALSE(create(body, c));
  // UUIDString: 36 characters in today's model.
  ASSERT_FALSE(read_mapping_request(
      {{"UUID", "6c9f8e9a-1d2b-4c3d-8e4f-5a6b7c8d9e0f"}, {"MaximumRetryAttempts", 2}},
      RequestKind::kUpdate, c, kNow));
  EXPECT_EQ(c.batch_size, 5);
  EXPECT_EQ(c.maximum_retry_attempts, 2);
  EXPECT_EQ(c.starting_position, "TRIM_HORIZON");
}

TEST(MappingRequest, TimestampsMayNotBeInTheFuture) {
  MappingConfig c;
  auto body = base();
  body["StartingPosition"] = "AT_TIMESTAMP";
  body["StartingPositionTimestamp"] = (kNow + 60'000) / 1000;
  const auto e = create(body, c);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->type, "InvalidParameterValueException");
}

}  // namespace
}  // namespace kinesisd::lambda
