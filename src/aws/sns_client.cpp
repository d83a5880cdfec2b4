#include "aws/sns_client.hpp"

#include "aws/request_signer.hpp"
#include "aws/xml_error.hpp"
#include "network/http_client.hpp"
#include "protocol/arn.hpp"
#include "protocol/sigv4.hpp"

namespace kinesisd::aws {

std::optional<TopicRef> parse_topic_arn(std::string_view arn) {
  const auto ref = protocol::parse_plain_arn(arn, "sns");
  if (!ref) return std::nullopt;
  return TopicRef{std::string(arn), ref->region, ref->account, ref->name};
}

bool SnsClient::publish(const TopicRef& topic, std::string_view message,
                        const std::atomic<bool>& cancel, std::string& error) const {
  network::HttpRequest request;
  request.url = endpoint_ + "/";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body =
      "Action=Publish&Version=2010-03-31&TopicArn=" + protocol::uri_encode(topic.arn, false) +
      "&Message=" + protocol::uri_encode(message, false);
  sign(request, "sns", topic.region, credentials_);
  const auto response = network::fetch(std::move(request), cancel);
  if (response.status == 200) return true;
  error = response.status ? "Publish to " + topic.name + " at " + endpoint_ + ": HTTP " +
                                std::to_string(response.status) + " " + xml_error(response.body)
                          : response.error;
  return false;
}

}  // namespace kinesisd::aws
