// Where kinesisd's own calls to other AWS services go (S3 for Firehose's
// objects and Lambda's on-failure destinations, SQS and SNS for the latter),
// configured as the AWS SDKs are
// ("Service-specific endpoints", the AWS SDKs and Tools Reference Guide):
// the service's own setting wins over the global one. By source, first
// found wins:
//   1. the flags --endpoint-url-s3 (-sqs, -sns), then --endpoint-url
//   2. the environment: AWS_ENDPOINT_URL_S3 (_SQS, _SNS), then AWS_ENDPOINT_URL
//   3. the config file's "endpoints": {"s3": URL, "sqs": URL, "sns": URL, "default": URL}
// A service with none has no endpoint: what would call it is refused.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kinesisd::aws {

// The services kinesisd calls, by their SDK ids' lower case.
inline constexpr std::string_view kServices[] = {"s3", "sqs", "sns"};

struct EndpointSources {
  // Each: a service of kServices or "default" -> URL.
  std::map<std::string, std::string> flags;
  std::map<std::string, std::string> config_file;
  std::function<const char*(const char*)> environment = [](const char*) -> const char* {
    return nullptr;
  };
};

// A thrown EndpointError says which setting holds what and why it cannot be used.
struct EndpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Endpoints {
 public:
  // Resolves every service's endpoint; throws EndpointError for a URL that
  // is not http(s)://host[:port][/path].
  static Endpoints resolve(const EndpointSources& sources);

  // The service's endpoint URL (no trailing '/'), or "" when it has none.
  std::string url(std::string_view service) const;
  // Where it came from, for the log: "--endpoint-url-s3", "AWS_ENDPOINT_URL", ...
  std::string source(std::string_view service) const;

 private:
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> by_service_;
};

}  // namespace kinesisd::aws
