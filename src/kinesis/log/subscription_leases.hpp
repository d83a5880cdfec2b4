// SubscribeToShard's rule of one live subscription per consumer and shard,
// keyed "consumer/shardId". A claim within 5 s of the current one's start is
// refused (0); a later one takes over, and the older generation sees holds()
// turn false. Leases are not metadata: they are not edits and do not survive
// a restart (neither does the HTTP connection that holds one).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "base/mutex.hpp"

namespace kinesisd::log {

class SubscriptionLeases {
 public:
  static constexpr int64_t kTakeoverMs = 5000;

  // The key of a consumer's subscription to a shard: SubscribeToShard's, and
  // a Lambda mapping's that reads through the consumer.
  static std::string key_of(std::string_view consumer_name, std::string_view shard_id) {
    std::string key(consumer_name);
    key += '/';
    key += shard_id;
    return key;
  }

  // A generation (> 0) for the new holder, or 0 when refused.
  uint64_t claim(const std::string& key, int64_t now_ms);
  bool holds(const std::string& key, uint64_t generation) const;
  void release(const std::string& key, uint64_t generation);
  // Calls `on_lost` once when a later claim takes over this generation's
  // lease, so its subscription can end at once instead of at its next
  // heartbeat. It runs under the leases' lock: it must not call them.
  void watch(const std::string& key, uint64_t generation, std::function<void()> on_lost);

 private:
  struct Lease {
    uint64_t generation;
    int64_t started_ms;
    std::function<void()> on_lost;
  };
  mutable base::Mutex mu_;
  std::map<std::string, Lease, std::less<>> leases_ GUARDED_BY(mu_);
  uint64_t next_generation_ GUARDED_BY(mu_) = 1;
};

}  // namespace kinesisd::log
