#include "aws/sns_client.hpp"

#include <chrono>

#include "aws/request_signer.hpp"
#include "aws/sqs_client.hpp"
#include "network/http_client.hpp"

namespace kinesisd::aws {
namespace {

// <Code>NotFound</Code> ... <Message>...</Message>: "NotFound: ...".
std::string xml_error(const std::string& body) {
  auto element = [&](const std::string& name) {
    const auto open = body.find("<" + name + ">");
    const auto close = body.find("</" + name + ">");
    if (open == std::string::npos || close == std::string::npos || close < open)
      return std::string();
    return body.substr(open + name.size() + 2, close - open - name.size() - 2);
  };
  const std::string code = element("Code"), message = element("Message");
  return code.empty() ? body.substr(0, 300) : code + ": " + message;
}

}  // namespace

std::optional<TopicRef> parse_topic_arn(std::string_view arn) {
  // The same shape as a queue's: arn:PARTITION:sns:REGION:ACCOUNT:NAME.
  std::string as_queue(arn);
  const size_t third = as_queue.find(':', as_queue.find(':') + 1);
  if (third == std::string::npos || as_queue.compare(third + 1, 4, "sns:") != 0)
    return std::nullopt;
  as_queue.replace(third + 1, 3, "sqs");
  const auto ref = parse_queue_arn(as_queue);
  if (!ref) return std::nullopt;
  return TopicRef{std::string(arn), ref->region, ref->account, ref->name};
}

std::string form_encode(std::string_view value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : value) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool SnsClient::publish(const TopicRef& topic, std::string_view message,
                        const std::atomic<bool>& cancel, std::string& error) const {
  network::HttpRequest request;
  request.url = endpoint_ + "/";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = "Action=Publish&Version=2010-03-31&TopicArn=" + form_encode(topic.arn) +
                 "&Message=" + form_encode(message);
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  sign(request, "sns", topic.region, credentials_, now);
  const auto response = network::fetch(std::move(request), cancel);
  if (response.status == 200) return true;
  error = response.status ? "Publish to " + topic.name + " at " + endpoint_ + ": HTTP " +
                                std::to_string(response.status) + " " + xml_error(response.body)
                          : response.error;
  return false;
}

}  // namespace kinesisd::aws
