// Where a delivery stream's S3 objects go: object K of bucket B, written
// whole. Two kinds: a local directory (s3_directory, --s3-dir) and an S3 API
// endpoint (s3_api_store: MinIO, moto, LocalStack, AWS).
#pragma once

#include <string>
#include <string_view>

namespace kinesisd::buckets {

struct StoredObject {
  std::string_view bucket, key, bytes;
  std::string_view content_encoding;  // "gzip" for a GZIP object, else ""
  std::string_view region;            // the delivery stream's (bucket ARNs name none)
};

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;
  // False (with `error`) when the object could not be written.
  virtual bool put(const StoredObject& object, std::string& error) const = 0;
  // Where objects go, for the log: "the folder DIR", "the S3 API at URL".
  virtual std::string describe() const = 0;
};

}  // namespace kinesisd::buckets
