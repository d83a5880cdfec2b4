// S3 buckets as local directories (--s3-dir DIR): bucket B's object K is the
// file DIR/B/K. An object is written whole under a temporary name in
// DIR/.kinesisd-incoming/ and renamed into place, so no reader ever sees half
// of one, and a bucket's folder holds only whole objects.
#pragma once

#include <string>
#include <string_view>

#include "buckets/object_store.hpp"

namespace kinesisd::buckets {

class S3Directory : public ObjectStore {
 public:
  explicit S3Directory(std::string root) : root_(std::move(root)) {}
  const std::string& root() const { return root_; }
  // False (with `error`) when the object could not be written.
  bool put(const StoredObject& object, std::string& error) const override;
  std::string describe() const override { return "the folder " + root_; }

 private:
  std::string root_;
};

}  // namespace kinesisd::buckets
