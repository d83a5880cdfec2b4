// How many calls AWS's limits refused (--limits aws), by operation, stream
// and shard ("" where the limit is not a shard's or a stream's): the
// kinesisd_throttled_requests_total series of /metrics.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "base/mutex.hpp"

namespace kinesisd::log {

class ThrottleCounts {
 public:
  using Key = std::tuple<std::string, std::string, std::string>;  // operation, stream, shard

  void add(std::string_view operation, std::string_view stream, std::string_view shard) {
    base::MutexLock lock(mu_);
    ++counts_[Key{operation, stream, shard}];
  }
  std::vector<std::pair<Key, uint64_t>> snapshot() const {
    base::MutexLock lock(mu_);
    return {counts_.begin(), counts_.end()};
  }

 private:
  mutable base::Mutex mu_;
  std::map<Key, uint64_t> counts_ GUARDED_BY(mu_);
};

}  // namespace kinesisd::log
