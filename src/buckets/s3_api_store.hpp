// S3 buckets behind an S3 API endpoint (aws/endpoints: AWS_ENDPOINT_URL_S3,
// --endpoint-url-s3, ...): each object one PutObject (aws/s3_client) with
// Content-Type application/octet-stream, and Content-Encoding gzip for GZIP
// objects, as Firehose writes them.
#pragma once

#include <atomic>

#include "aws/s3_client.hpp"
#include "buckets/object_store.hpp"

namespace kinesisd::buckets {

class S3ApiStore final : public ObjectStore {
 public:
  explicit S3ApiStore(aws::S3Client client) : client_(std::move(client)) {}
  bool put(const StoredObject& object, std::string& error) const override;
  std::string describe() const override { return "the S3 API at " + client_.endpoint(); }

 private:
  aws::S3Client client_;
  std::atomic<bool> never_cancelled_{false};  // a put's retries are the writer's to stop
};

}  // namespace kinesisd::buckets
