// An ObjectStore for tests: keeps what is put, refuses the first `refusals`.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "firehose/delivery/object_store.hpp"

namespace kinesisd::delivery {

class FakeObjectStore : public ObjectStore {
 public:
  bool put(const std::string& bucket, const std::string& key, std::string_view bytes,
           std::string& error) const override {
    std::lock_guard lock(mu_);
    ++attempts;
    if (refusals > 0) {
      --refusals;
      error = "refused";
      return false;
    }
    objects[bucket + "/" + key] = std::string(bytes);
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
  mutable std::mutex mu_;
  mutable int refusals = 0;
  mutable int attempts = 0;
  mutable std::map<std::string, std::string> objects;
};

}  // namespace kinesisd::delivery
