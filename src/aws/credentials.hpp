// The credentials kinesisd signs its own calls to other AWS services with
// (S3, SQS, SNS): the standard AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN, as every AWS SDK reads them; "test"/"test" when the
// environment has none (what local S3/SQS/SNS servers accept).
#pragma once

#include <functional>
#include <string>

namespace kinesisd::aws {

struct Credentials {
  std::string access_key = "test";
  std::string secret_key = "test";
  std::string session_token;  // "" for none

  static Credentials from_environment(const std::function<const char*(const char*)>& environment);
};

}  // namespace kinesisd::aws
