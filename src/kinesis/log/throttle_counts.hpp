// How many calls AWS's limits refused (--limits aws), by operation, stream
// and shard ("" where the limit is not a shard's or a stream's): the
// kinesisd_throttled_requests_total series of /metrics.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace kinesisd::log {

class ThrottleCounts {
 public:
  using Key = std::tuple<std::string, std::string, std::string>;  // operation, stream, shard

  void add(std::string_view operation, std::string_view stream, std::string_view shard) {
    std::lock_guard lock(mu_);
    ++counts_[Key{operation, stream, shard}];
  }
  std::vector<std::pair<Key, uint64_t>> snapshot() const {
    std::lock_guard lock(mu_);
    return {counts_.begin(), counts_.end()};
  }

 private:
  mutable std::mutex mu_;
  std::map<Key, uint64_t> counts_;  // guarded by mu_
};

}  // namespace kinesisd::log
