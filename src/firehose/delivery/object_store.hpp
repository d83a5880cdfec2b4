// Where a delivery stream's S3 objects go: object K of bucket B, written
// whole. Today one kind, a local directory (s3_directory, --s3-dir).
#pragma once

#include <string>
#include <string_view>

namespace kinesisd::delivery {

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;
  // False (with `error`) when the object could not be written.
  virtual bool put(const std::string& bucket, const std::string& key, std::string_view bytes,
                   std::string& error) const = 0;
};

}  // namespace kinesisd::delivery
