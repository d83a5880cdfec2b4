#include "aws/sqs_client.hpp"

#include <nlohmann/json.hpp>
#include <vector>

#include "aws/request_signer.hpp"
#include "network/http_client.hpp"

namespace kinesisd::aws {

std::optional<QueueRef> parse_queue_arn(std::string_view arn) {
  // arn:PARTITION:sqs:REGION:ACCOUNT:NAME
  std::vector<std::string> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    parts.emplace_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  const std::string name(arn.substr(start));
  if (parts[0] != "arn" || parts[2] != "sqs" || parts[3].empty() || parts[4].empty() ||
      name.empty() || name.find_first_of(":/") != std::string::npos)
    return std::nullopt;
  return QueueRef{parts[3], parts[4], name};
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
