#include "aws/s3_client.hpp"

#include <chrono>

#include "aws/request_signer.hpp"
#include "network/http_client.hpp"

namespace kinesisd::aws {
namespace {

// <Error><Code>NoSuchBucket</Code><Message>...</Message></Error>: its code
// and message, or the first bytes of whatever the body is.
std::string s3_error(const std::string& body) {
  auto element = [&](const std::string& name) {
    const auto open = body.find("<" + name + ">");
    const auto close = body.find("</" + name + ">");
    if (open == std::string::npos || close == std::string::npos || close < open)
      return std::string();
    const size_t from = open + name.size() + 2;
    return body.substr(from, close - from);
  };
  const std::string code = element("Code"), message = element("Message");
  if (code.empty()) return body.substr(0, 300);
  return message.empty() ? code : code + ": " + message;
}

}  // namespace

std::string s3_path_encode(std::string_view key) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : key) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool S3Client::put_object(const S3Object& object, std::string_view region,
                          const std::atomic<bool>& cancel, std::string& error) const {
  network::HttpRequest request;
  request.method = "PUT";
  request.url = endpoint_ + "/" + s3_path_encode(object.bucket) + "/" + s3_path_encode(object.key);
  request.headers = {{"Content-Type", std::string(object.content_type)}};
  request.body = std::string(object.bytes);
  if (!object.content_encoding.empty())
    request.headers.emplace_back("Content-Encoding", std::string(object.content_encoding));
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  sign(request, "s3", region, credentials_, now);
  const auto response = network::fetch(std::move(request), cancel);
  if (response.status >= 200 && response.status <= 299) return true;
  error = response.status ? "PutObject s3://" + std::string(object.bucket) + "/" +
                                std::string(object.key) + " at " + endpoint_ + ": HTTP " +
                                std::to_string(response.status) + " " + s3_error(response.body)
                          : response.error;
  return false;
}

}  // namespace kinesisd::aws
