// A stream: metadata, lifecycle state and its shards (open and closed).
//
// Locking: mu_ guards meta_ and the shard lists. Puts take it shared to route,
// then the shard's own lock; resharding takes it exclusively.
// Lifecycle states are computed from timestamps (CREATING until ready_at_ms,
// DELETING from deleting_at_ms until gone_at_ms), so no timer has to fire for
// a stream to change state.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "log/arn.hpp"
#include "log/clock.hpp"
#include "log/consumer.hpp"
#include "log/shard.hpp"

namespace kinesisd::log {

enum class StreamStatus { kCreating, kActive, kUpdating, kDeleting };
const char* to_string(StreamStatus s);

enum class StreamMode { kProvisioned, kOnDemand };
const char* to_string(StreamMode m);

struct StreamMeta {
  StreamMode mode = StreamMode::kProvisioned;
  int retention_hours = 24;
  std::string encryption_type = "NONE";
  std::string key_id;
  int max_record_size_kib = 1024;
  std::map<std::string, std::string> tags;
  std::vector<std::string> shard_level_metrics;
  std::string resource_policy;             // JSON text; "" when none
  int warm_throughput_mibps = 0;           // ON_DEMAND warm throughput target
  int warm_throughput_previous_mibps = 0;  // what is "current" while UPDATING
  std::deque<int64_t> scalings_ms;         // UpdateShardCount calls, oldest first
  int64_t ready_at_ms = 0;                 // CREATING/UPDATING until then
  bool updating = false;                   // the pending state is UPDATING, not CREATING
  std::optional<int64_t> deleting_at_ms;
  int64_t gone_at_ms = 0;  // meaningful once deleting
};

class Stream {
 public:
  Stream(std::string region, std::string account, std::string name, int64_t created_ms,
         StreamMeta meta);

  const std::string& name() const { return name_; }
  const std::string& region() const { return region_; }
  const std::string& account() const { return account_; }
  const std::string& arn() const { return arn_; }
  int64_t created_ms() const { return created_ms_; }

  StreamStatus status(int64_t now_ms) const;
  bool gone(int64_t now_ms) const;
  StreamMeta meta() const;  // a full copy: for describe paths, not per record

  // What every put needs, without copying tags and metric lists.
  struct WriteSettings {
    int max_record_size_kib;
    bool encrypted;
  };
  WriteSettings write_settings() const;
  template <class F>
  void update_meta(F&& f) {
    std::unique_lock lock(mu_);
    f(meta_);
  }
  void begin_delete(int64_t now_ms, int64_t delay_ms);

  // Earliest time still visible under the retention period.
  int64_t visible_from_ms(int64_t now_ms) const;

  // Split, merge and scaling hold this from their status check to their last
  // reshard() so two of them never interleave. Routing does not take it.
  std::unique_lock<std::mutex> lock_resharding() { return std::unique_lock(reshard_mu_); }

  // Consumers (enhanced fan-out), by name. Gone ones are dropped when met.
  enum class RegisterOutcome { kRegistered, kExists, kTooMany, kTooManyCreating };
  RegisterOutcome register_consumer(const std::string& name, int64_t now_ms, int64_t ready_delay_ms,
                                    std::map<std::string, std::string> tags, Consumer* out);
  std::optional<Consumer> consumer(std::string_view name, int64_t now_ms) const;
  std::vector<Consumer> consumers(int64_t now_ms) const;  // by name
  size_t consumer_count(int64_t now_ms) const;
  // Starts DELETING; false when there is no such (live) consumer.
  bool deregister_consumer(std::string_view name, int64_t now_ms, int64_t delay_ms);
  // Runs f on the live consumer; false when there is none.
  template <class F>
  bool update_consumer(std::string_view name, int64_t now_ms, F&& f) {
    std::unique_lock lock(mu_);
    auto it = consumers_.find(name);
    if (it == consumers_.end() || it->second.gone(now_ms)) return false;
    f(it->second);
    return true;
  }

  // SubscribeToShard: one live subscription per consumer and shard, keyed
  // "consumer/shardId". A claim within 5 s of the current one's start is
  // refused (returns 0); a later one takes over, and the older generation
  // sees holds_subscription() turn false.
  static constexpr int64_t kSubscriptionTakeoverMs = 5000;
  uint64_t claim_subscription(const std::string& key, int64_t now_ms);
  bool holds_subscription(const std::string& key, uint64_t generation) const;
  void release_subscription(const std::string& key, uint64_t generation);

  void add_shard(std::shared_ptr<Shard> shard);
  // Resharding in one step under the stream's lock: closes `parents` (no more
  // appends; their EndingSequenceNumber is fixed), takes them out of routing
  // and adds `children`, so every hash key always has exactly one open shard.
  void reshard(const std::vector<std::shared_ptr<Shard>>& parents,
               std::vector<std::shared_ptr<Shard>> children, int64_t now_ms);
  uint32_t next_shard_index() const;
  std::vector<std::shared_ptr<Shard>> shards() const;       // all, by index
  std::vector<std::shared_ptr<Shard>> open_shards() const;  // by starting hash key
  size_t open_shard_count() const;
  std::shared_ptr<Shard> find_shard(std::string_view shard_id) const;
  // The open shard whose range holds `key`. Never null while the stream has
  // open shards covering the key space.
  std::shared_ptr<Shard> route(HashKey key) const;
  // route() for many keys under one lock acquisition. The pointers stay valid
  // while the stream lives (shards are never removed from it).
  void route_all(const HashKey* keys, size_t count, Shard** out) const;

 private:
  const std::string region_;
  const std::string account_;
  const std::string name_;
  const std::string arn_;
  const int64_t created_ms_;

  std::mutex reshard_mu_;
  mutable std::shared_mutex mu_;
  StreamMeta meta_;                                         // guarded by mu_
  std::vector<std::shared_ptr<Shard>> shards_;              // guarded by mu_, index order
  std::vector<std::shared_ptr<Shard>> open_;                // guarded by mu_, by range.start
  std::map<std::string, Consumer, std::less<>> consumers_;  // guarded by mu_
  struct Subscription {
    uint64_t generation;
    int64_t started_ms;
  };
  std::map<std::string, Subscription, std::less<>> subscriptions_;  // guarded by mu_
  uint64_t next_generation_ = 1;                                    // guarded by mu_
};

}  // namespace kinesisd::log
