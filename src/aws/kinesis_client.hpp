// A client of a Kinesis Data Streams endpoint (kinesisd's own, or AWS's), in
// Kinesis's JSON protocol (X-Amz-Target Kinesis_20131202.OPERATION,
// application/x-amz-json-1.1), SigV4-signed for "kinesis". Used by
// `kinesisd tail`; blocking, one call at a time.
#pragma once

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>

#include "aws/credentials.hpp"

namespace kinesisd::aws {

struct KinesisAnswer {
  int status = 0;          // 0 when no answer came
  nlohmann::json body;     // the output, or the error document
  std::string error_type;  // AWS's error code (ResourceNotFoundException), or ""
  std::string message;     // the error's message, or the transport's failure

  bool ok() const { return status == 200; }
};

class KinesisClient {
 public:
  KinesisClient(std::string endpoint, std::string region, Credentials credentials)
      : endpoint_(std::move(endpoint)),
        region_(std::move(region)),
        credentials_(std::move(credentials)) {}

  const std::string& endpoint() const { return endpoint_; }
  KinesisAnswer call(const std::string& operation, const nlohmann::json& input,
                     const std::atomic<bool>& cancel) const;

 private:
  std::string endpoint_, region_;
  Credentials credentials_;
};

}  // namespace kinesisd::aws
