// The SNS API call kinesisd makes (the Amazon SNS API reference, Publish), in
// SNS's query protocol (a form-encoded POST, Version 2010-03-31),
// SigV4-signed for "sns". The topic is named by its ARN
// (arn:aws:sns:REGION:ACCOUNT:NAME).
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "aws/credentials.hpp"

namespace kinesisd::aws {

struct TopicRef {
  std::string arn, region, account, name;
};
// Nullopt when `arn` is not an SNS topic ARN.
std::optional<TopicRef> parse_topic_arn(std::string_view arn);

class SnsClient {
 public:
  SnsClient(std::string endpoint, Credentials credentials)
      : endpoint_(std::move(endpoint)), credentials_(std::move(credentials)) {}
  // False with `error` (SNS's error code and message, or the transport's).
  bool publish(const TopicRef& topic, std::string_view message, const std::atomic<bool>& cancel,
               std::string& error) const;

 private:
  std::string endpoint_;
  Credentials credentials_;
};

}  // namespace kinesisd::aws
