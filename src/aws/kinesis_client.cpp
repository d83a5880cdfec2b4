#include "aws/kinesis_client.hpp"

#include "aws/request_signer.hpp"
#include "network/http_client.hpp"

namespace kinesisd::aws {

KinesisAnswer KinesisClient::call(const std::string& operation, const nlohmann::json& input,
                                  const std::atomic<bool>& cancel) const {
  network::HttpRequest request;
  request.url = endpoint_ + "/";
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", "Kinesis_20131202." + operation}};
  request.body = input.dump();
  request.body_limit = 16 << 20;  // a GetRecords answer holds up to 10 MiB of base64
  KinesisAnswer answer;
  if (!network::parse_url(request.url)) {
    answer.message = "not an http:// or https:// URL: " + endpoint_;
    return answer;
  }
  sign(request, "kinesis", region_, credentials_);
  const auto response = network::fetch(std::move(request), cancel);
  answer.status = response.status;
  if (response.status == 0) {
    answer.message = response.error;
    return answer;
  }
  answer.body = nlohmann::json::parse(response.body, nullptr, false);
  if (answer.ok()) {
    if (!answer.body.is_object()) {
      answer.status = 0;
      answer.message = "the answer is not a JSON object";
    }
    return answer;
  }
  if (answer.body.is_object()) {
    answer.error_type = answer.body.value("__type", "");
    if (const auto hash = answer.error_type.rfind('#'); hash != std::string::npos)
      answer.error_type = answer.error_type.substr(hash + 1);
    answer.message = answer.body.value("message", answer.body.value("Message", ""));
  } else {
    answer.message = "HTTP " + std::to_string(response.status) + " " + response.body.substr(0, 300);
  }
  return answer;
}

}  // namespace kinesisd::aws
