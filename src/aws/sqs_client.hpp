// The SQS API call kinesisd makes (the Amazon SQS API reference,
// SendMessage), in SQS's JSON protocol (X-Amz-Target AmazonSQS.SendMessage,
// application/x-amz-json-1.0), SigV4-signed for "sqs". The queue is named by
// its ARN (arn:aws:sqs:REGION:ACCOUNT:NAME); its URL is ENDPOINT/ACCOUNT/NAME.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "aws/credentials.hpp"

namespace kinesisd::aws {

struct QueueRef {
  std::string region, account, name;
};
// Nullopt when `arn` is not an SQS queue ARN.
std::optional<QueueRef> parse_queue_arn(std::string_view arn);

class SqsClient {
 public:
  SqsClient(std::string endpoint, Credentials credentials)
      : endpoint_(std::move(endpoint)), credentials_(std::move(credentials)) {}
  // False with `error` (SQS's error type and message, or the transport's).
  bool send_message(const QueueRef& queue, std::string_view body, const std::atomic<bool>& cancel,
                    std::string& error) const;

 private:
  std::string endpoint_;
  Credentials credentials_;
};

}  // namespace kinesisd::aws
