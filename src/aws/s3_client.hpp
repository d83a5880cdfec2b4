// The S3 API call kinesisd makes (the Amazon S3 API reference, PutObject):
// path-style, ENDPOINT/BUCKET/KEY (URI-encoded as SigV4 encodes a path) (what MinIO, moto and
// LocalStack accept; an endpoint with a path puts the bucket under it), SigV4-signed for "s3".
#pragma once

#include <atomic>
#include <string>
#include <string_view>

#include "aws/credentials.hpp"

namespace kinesisd::aws {

struct S3Object {
  S3Object(std::string_view bucket, std::string_view key, std::string_view bytes,
           std::string_view content_encoding = {})
      : bucket(bucket), key(key), bytes(bytes), content_encoding(content_encoding) {}
  std::string_view bucket, key, bytes;
  std::string_view content_encoding;  // "" for none
  std::string_view content_type = "application/octet-stream";
};

class S3Client {
 public:
  S3Client(std::string endpoint, Credentials credentials)
      : endpoint_(std::move(endpoint)), credentials_(std::move(credentials)) {}
  const std::string& endpoint() const { return endpoint_; }

  // False with `error` (the status and S3's error code and message, or the
  // transport's failure) when S3 did not store it.
  bool put_object(const S3Object& object, std::string_view region, const std::atomic<bool>& cancel,
                  std::string& error) const;

 private:
  std::string endpoint_;
  Credentials credentials_;
};

}  // namespace kinesisd::aws
