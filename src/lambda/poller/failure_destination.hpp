// Where exhausted batches go (DestinationConfig.OnFailure), Lambda's kinds
// ("Retaining records of failed invocations", the Lambda developer guide):
//  - "arn:aws:sqs:<region>:<account>:<queue>": the on-failure record (the
//    batch's metadata) as one SendMessage;
//  - "arn:aws:sns:<region>:<account>:<topic>": the same as one Publish;
//  - "arn:aws:s3:::<bucket>": the record with the invocation's event under
//    "payload", as one PutObject under Lambda's key
//    aws/lambda/<mapping UUID>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>;
//    these three through the S3, SQS and SNS endpoints (aws/endpoints.hpp).
//    FIFO queues and topics are refused, as Lambda refuses them. A failure to
//    deliver is counted (DestinationDeliveryFailures) and the batch dropped
//    with a warning, as Lambda does;
// and kinesisd's own, which are retried until they take the batch:
//  - "file:///dir": one JSON file per failed batch, <dir>/<time>-<shard>-<start seq>.json,
//    written to a temporary name and renamed, so a reader never sees half a file.
//    It holds the on-failure record plus the event itself under "payload".
//  - "arn:aws:kinesis:<region>:<account>:stream/<name>": the on-failure record
//    put as one record of that stream, partition key = the source shard id.
#pragma once

#include <atomic>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "aws/outbound.hpp"
#include "kinesis/log/stream_store.hpp"
#include "lambda/poller/lambda_event.hpp"

namespace kinesisd::poller {

class FailureDestination {
 public:
  // nullopt and `why` set when `destination` is neither form.
  static std::optional<FailureDestination> parse(const std::string& destination, std::string* why);

  const std::string& text() const { return text_; }
  // The file form's directory ("" for the others).
  const std::string& directory() const { return directory_; }
  // Whether it is one of Lambda's (SQS, SNS, S3): a failure to deliver then
  // drops the batch instead of retrying.
  bool drops_undeliverable() const {
    return kind_ == Kind::kSqs || kind_ == Kind::kSns || kind_ == Kind::kS3;
  }

  struct Delivery {
    log::StreamStore& store;
    const aws::Outbound* outbound;  // null: no AWS endpoints configured
    const std::string& mapping_uuid;
    const std::string& shard_id;
    const std::string& start_sequence;
    const std::atomic<bool>& cancel;
  };
  // False (and a logged reason) when the destination could not take it.
  bool deliver(const Delivery& d, const nlohmann::ordered_json& failure_record,
               const std::string& event) const;

 private:
  enum class Kind { kFile, kStream, kSqs, kSns, kS3 };
  bool deliver_remote(const Delivery& d, const nlohmann::ordered_json& failure_record,
                      const std::string& event) const;
  Kind kind_ = Kind::kFile;
  std::string text_;
  std::string directory_;                  // file form
  std::string account_, region_, stream_;  // stream form; queue or topic: region, account, name
  std::string bucket_;                     // S3
};

}  // namespace kinesisd::poller
