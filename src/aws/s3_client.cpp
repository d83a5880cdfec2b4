#include "aws/s3_client.hpp"

#include "aws/request_signer.hpp"
#include "aws/xml_error.hpp"
#include "network/http_client.hpp"
#include "protocol/sigv4.hpp"

namespace kinesisd::aws {

bool S3Client::put_object(const S3Object& object, std::string_view region,
                          const std::atomic<bool>& cancel, std::string& error) const {
  network::HttpRequest request;
  request.method = "PUT";
  request.url = endpoint_ + "/" + protocol::uri_encode(object.bucket, true) + "/" +
                protocol::uri_encode(object.key, true);
  request.headers = {{"Content-Type", std::string(object.content_type)}};
  request.body = std::string(object.bytes);
  if (!object.content_encoding.empty())
    request.headers.emplace_back("Content-Encoding", std::string(object.content_encoding));
  sign(request, "s3", region, credentials_);
  const auto response = network::fetch(std::move(request), cancel);
  if (response.status >= 200 && response.status <= 299) return true;
  error = response.status ? "PutObject s3://" + std::string(object.bucket) + "/" +
                                std::string(object.key) + " at " + endpoint_ + ": HTTP " +
                                std::to_string(response.status) + " " + xml_error(response.body)
                          : response.error;
  return false;
}

}  // namespace kinesisd::aws
