// An ObjectStore for tests: keeps what is put, refuses the first `refusals`.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "buckets/object_store.hpp"
#include "firehose/delivery/object_writer.hpp"

namespace kinesisd::delivery {

class FakeObjectStore : public buckets::ObjectStore {
 public:
  bool put(const buckets::StoredObject& object, std::string& error) const override {
    std::lock_guard lock(mu_);
    ++attempts;
    if (refusals > 0) {
      --refusals;
      error = "refused";
      return false;
    }
    objects[std::string(object.bucket) + "/" + std::string(object.key)] = std::string(object.bytes);
    encodings[std::string(object.bucket) + "/" + std::string(object.key)] =
        std::string(object.content_encoding);
    return true;
  }
  // The object whose key is `key` but for its last 36 characters (the uuid
  // object_key ends with); "" when there is none.
  std::string like(const std::string& key) const {
    std::lock_guard lock(mu_);
    const std::string stem = key.substr(0, key.size() - 36);
    for (const auto& [k, v] : objects)
      if (k.size() == key.size() && k.compare(0, stem.size(), stem) == 0) return v;
    return "";
  }
  std::string describe() const override { return "a fake store"; }
  // A writer context over this store that retries `retries` times.
  ObjectWriterContext context(int retries = 5) const {
    return {this, "stream", "us-east-1", [retries](int attempt) { return attempt < retries; }};
  }
  mutable std::mutex mu_;
  mutable std::map<std::string, std::string> encodings;
  mutable int refusals = 0;
  mutable int attempts = 0;
  mutable std::map<std::string, std::string> objects;
};

}  // namespace kinesisd::delivery
