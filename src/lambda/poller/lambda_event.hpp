// The documents the poller writes, each in one place (the "Using Lambda with Kinesis" developer
// guide):
//
// The event a handler receives, keys in Lambda's order:
//   {"Records":[{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":..,
//     "sequenceNumber":..,"data":<base64>,"approximateArrivalTimestamp":<float s>
//     [,"encryptionType":"KMS"]},
//    "eventSource":"aws:kinesis","eventVersion":"1.0",
//    "eventID":"<shardId>:<sequenceNumber>","eventName":"aws:kinesis:record",
//    "invokeIdentityArn":..,"awsRegion":..,"eventSourceARN":..}, ...]}
//
// The on-failure record (what Lambda sends to an SQS/SNS destination; a file
// destination also gets the event itself under "payload", as S3 does):
//   {"requestContext":{"requestId","functionArn","condition","approximateInvokeCount"},
//    "responseContext":{"statusCode","executedVersion","functionError"}  (absent if never invoked)
//    "version":"1.0","timestamp":ISO-8601,
//    "KinesisBatchInfo":{"shardId","startSequenceNumber","endSequenceNumber",
//      "approximateArrivalOfFirstRecord","approximateArrivalOfLastRecord","batchSize","streamArn"}}
//
// And the document a filter pattern is matched against (see filter_pattern.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "lambda/poller/polled_record.hpp"

namespace kinesisd::poller {

// Where a batch comes from: the Lambda event names it in every record.
struct BatchOrigin {
  std::string shard_id;
  std::string stream_arn;
  std::string region;
  std::string invoke_identity_arn;
};

std::string build_event(const BatchOrigin& source, std::span<const PolledRecord> records);
// Bytes build_event spends on one record: to keep an event under 6 MB.
size_t event_bytes(const PolledRecord& record);

struct FailureInfo {
  std::string condition;  // RetryAttemptsExhausted | RecordAgeExceeded
  int invoke_count = 0;   // 0: never invoked, no responseContext
  std::string function_error = "Unhandled";
};

nlohmann::ordered_json build_failure_record(const BatchOrigin& source,
                                            const std::string& function_arn,
                                            std::span<const PolledRecord> records,
                                            const FailureInfo& info, int64_t now_ms);

nlohmann::json filter_document(const PolledRecord& record);

std::string iso8601_ms(int64_t epoch_ms);  // 2019-11-14T00:38:06.021Z

}  // namespace kinesisd::poller
