// A Lambda processor's transformation of a buffer of records (the Firehose
// developer guide, "Transform source data"): the handler the LambdaArn names
// gets {invocationId, deliveryStreamArn, region, records: [{recordId,
// approximateArrivalTimestamp, data}]} (with sourceKinesisStreamArn and each
// record's kinesisRecordMetadata when the source is a stream) and answers
// {records: [{recordId, result, data, metadata: {partitionKeys}}]}. Ok records
// go on with their new data (and, for dynamic partitioning, the partition keys
// the function gave them), Dropped ones are gone, ProcessingFailed ones — and every record when
// the invocation fails NumberOfRetries + 1 times, or its answer leaves a
// record out — are failures for the error output.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "firehose/delivery/partition_query.hpp"
#include "lambda/handler/handler.hpp"

namespace kinesisd::delivery {

struct KinesisMetadata {
  std::string shard_id, partition_key, sequence_number;
  int64_t arrival_ms = 0;
  // A KPL user record's place in its aggregate (0 for an ordinary record).
  uint64_t subsequence_number = 0;
};

struct BufferedRecord {
  std::string record_id;
  std::string data;
  int64_t arrival_ms = 0;
  std::optional<KinesisMetadata> kinesis;
  uint64_t position = 0;  // in the delivery stream's log (DirectPut with a data directory)
};

struct FailedRecord {
  const BufferedRecord* record;
  std::string error_code;
  std::string error_message;
};

// A record on its way to the destination.
struct OutgoingRecord {
  const BufferedRecord* record;  // where it came from
  std::string data;
  PartitionKeys lambda_keys{};  // metadata.partitionKeys of a Lambda's answer
};

struct TransformOutcome {
  std::vector<OutgoingRecord> delivered;  // the Ok records, in order
  std::vector<FailedRecord> failed;
  int attempts = 0;
};

struct TransformCall {
  std::string lambda_arn;
  std::string delivery_stream_arn;
  std::string source_stream_arn;  // "" for DirectPut
  std::string region;
  int retries = 3;  // NumberOfRetries, AWS's default
};

TransformOutcome transform(handler::Handler& handler, const TransformCall& call,
                           const std::vector<BufferedRecord>& records,
                           const std::atomic<bool>& cancel);

}  // namespace kinesisd::delivery
