#include "aws/sqs_client.hpp"

#include <nlohmann/json.hpp>

#include "aws/request_signer.hpp"
#include "network/http_client.hpp"
#include "protocol/arn.hpp"

namespace kinesisd::aws {

std::optional<QueueRef> parse_queue_arn(std::string_view arn) {
  const auto ref = protocol::parse_plain_arn(arn, "sqs");
  if (!ref) return std::nullopt;
  return QueueRef{ref->region, ref->account, ref->name};
}

bool SqsClient::send_message(const QueueRef& queue, std::string_view body,
                             const std::atomic<bool>& cancel, std::string& error) const {
  network::HttpRequest request;
  request.url = endpoint_ + "/";
  request.headers = {{"Content-Type", "application/x-amz-json-1.0"},
                     {"X-Amz-Target", "AmazonSQS.SendMessage"}};
  request.body = nlohmann::json{{"QueueUrl", endpoint_ + "/" + queue.account + "/" + queue.name},
                                {"MessageBody", std::string(body)}}
                     .dump();
  sign(request, "sqs", queue.region, credentials_);
  const auto response = network::fetch(std::move(request), cancel);
  if (response.status == 200) return true;
  if (response.status == 0) {
    error = response.error;
    return false;
  }
  const auto answer = nlohmann::json::parse(response.body, nullptr, false);
  std::string type = answer.is_object() ? answer.value("__type", "") : "";
  if (const auto hash = type.rfind('#'); hash != std::string::npos) type = type.substr(hash + 1);
  const std::string message = answer.is_object() ? answer.value("message", "") : "";
  error = "SendMessage to " + queue.name + " at " + endpoint_ + ": HTTP " +
          std::to_string(response.status) + " " +
          (type.empty() ? response.body.substr(0, 300) : type + ": " + message);
  return false;
}

}  // namespace kinesisd::aws
