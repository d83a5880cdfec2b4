// Where exhausted batches go (DestinationConfig.OnFailure):
//  - "file:///dir": one JSON file per failed batch, <dir>/<time>-<shard>-<start seq>.json,
//    written to a temporary name and renamed, so a reader never sees half a file.
//    It holds the on-failure record plus the event itself under "payload".
//  - "arn:aws:kinesis:<region>:<account>:stream/<name>": the on-failure record
//    (metadata only, as Lambda sends to SQS/SNS) put as one record of that
//    stream, partition key = the source shard id.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "kinesis/log/stream_store.hpp"
#include "lambda/poller/lambda_event.hpp"

namespace kinesisd::poller {

class FailureDestination {
 public:
  // nullopt and `why` set when `destination` is neither form.
  static std::optional<FailureDestination> parse(const std::string& destination, std::string* why);

  const std::string& text() const { return text_; }
  // The file form's directory ("" for a stream).
  const std::string& directory() const { return directory_; }

  // False (and a logged reason) when the destination could not take it.
  bool deliver(log::StreamStore& store, const nlohmann::ordered_json& failure_record,
               const std::string& event, const std::string& shard_id,
               const std::string& start_sequence) const;

 private:
  std::string text_;
  std::string directory_;                  // file form
  std::string account_, region_, stream_;  // stream form
};

}  // namespace kinesisd::poller
