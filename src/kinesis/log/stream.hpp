// A stream: its identity, its metadata (StreamMeta), its shards (open and
// closed, in index order) and enhanced fan-out consumers, and the one place
// records are appended to it.
//
// Locking: mu_ guards meta_, shards_, open_ and consumers_. Appends take it
// shared to read the settings and route, then each shard's own lock; apply()
// takes it exclusively. edit_mu_ (edit_mutex()) is held by an operation from
// its checks to its last edit, so two check-then-change operations on one
// stream never interleave; routing and reads never take it.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/mutex.hpp"
#include "kinesis/log/consumer_registry.hpp"
#include "kinesis/log/shard.hpp"
#include "kinesis/log/stream_edit.hpp"
#include "kinesis/log/stream_meta.hpp"
#include "kinesis/log/subscription_leases.hpp"
#include "protocol/arn.hpp"

namespace kinesisd::log {

struct StreamIdentity {
  uint64_t id = 0;  // unique per incarnation: what its shard logs are named by
  std::string region;
  std::string account;
  std::string name;
  int64_t created_ms = 0;
};

class Stream {
 public:
  // An empty stream; its first edit (StreamEdit::created) gives it settings
  // and shards, whose logs `factory` makes.
  Stream(StreamIdentity identity, LogFactory factory);

  const StreamIdentity& identity() const { return identity_; }
  const std::string& name() const { return identity_.name; }
  const std::string& region() const { return identity_.region; }
  const std::string& account() const { return identity_.account; }
  const std::string& arn() const { return arn_; }
  int64_t created_ms() const { return identity_.created_ms; }

  StreamStatus status(int64_t now_ms) const;
  bool gone(int64_t now_ms) const;
  StreamMeta meta() const;  // a full copy: for describe paths, not per record
  // Whether a planned reshard (StreamMeta::planned_reshard) is due by now:
  // one atomic load, for every call that finds the stream.
  bool reshard_due(int64_t now_ms) const {
    return now_ms >= planned_reshard_at_ms_.load(std::memory_order_acquire);
  }
  // The KMS key the stream encrypts with (its KeyId as given), or nullopt
  // when it does not encrypt; and its tags (--auth sigv4's aws:ResourceTag).
  std::optional<std::string> kms_key() const;
  Tags tags() const;
  // Its resource-based policy (PutResourcePolicy), JSON text; "" for none.
  std::string resource_policy() const;
  // Earliest time still visible under the retention period.
  int64_t visible_from_ms(int64_t now_ms) const;

  // Whether AWS's throughput limits apply to its shards (log/shard_throughput):
  // a throttled record is placed with AppendStatus::kThrottled. Set at start
  // from --limits or the config file; not metadata.
  void set_limited(bool limited) { limited_.store(limited, std::memory_order_relaxed); }
  bool limited() const { return limited_.load(std::memory_order_relaxed); }
  RecordDistribution distribution() const;

  // Applies one edit. Call it through StreamStore::apply, which records the
  // edit first when the store is durable and tells listeners afterwards.
  void apply(const StreamEdit& edit);
  // Held by an operation across its read-check-apply (base::MutexLock).
  base::Mutex& edit_mutex() RETURN_CAPABILITY(edit_mu_) { return edit_mu_; }

  // ---- appending -----------------------------------------------------------
  struct Entry {
    std::string_view partition_key;
    std::string_view data;
    std::optional<HashKey> explicit_hash_key;  // routes instead of MD5(partition_key)
    // Not kOk: the caller refuses the record (an injected fault); it is
    // routed and placed with this status, never appended.
    AppendStatus refuse = AppendStatus::kOk;
  };
  // Where one record went: its shard and sequence number, or why not (a
  // per-record refusal of the shard's log: kFull, kFailed; its throughput:
  // kThrottled; or the caller's Entry::refuse).
  struct Placed {
    Shard* shard = nullptr;  // valid while the stream lives (shards are never removed)
    SequenceNumber sequence;
    AppendStatus status = AppendStatus::kOk;
  };
  struct AppendResult {
    enum class Refusal {
      kNone,
      kNotWritable,  // CREATING or DELETING: AWS answers ResourceNotFound
      kTooLarge,     // `record` exceeds the stream's maximum record size
    };
    Refusal refusal = Refusal::kNone;  // nothing was appended unless kNone
    size_t record = 0;
    uint64_t max_record_bytes = 0;  // data + partition key
    bool encrypted = false;         // the records were written encrypted (KMS)
    size_t failed = 0;              // records whose status is not kOk
    // --durability fsync: the group sync generation the answer must wait
    // for (StreamStore::when_synced); 0 when nothing waits.
    uint64_t sync_generation = 0;
  };
  // Appends the entries, in order per shard (a shard's records go in under one
  // acquisition of its lock), routing each by hash key to the open shard that
  // covers it; a shard closed by a concurrent reshard is routed around.
  // out.size() == entries.size().
  AppendResult append(std::span<const Entry> entries, int64_t now_ms, std::span<Placed> out);

  // ---- consumers -----------------------------------------------------------
  ConsumerRegistry::Refusal can_register_consumer(std::string_view name, int64_t now_ms,
                                                  Consumer* existing) const;
  std::optional<Consumer> consumer(std::string_view name, int64_t now_ms) const;
  std::vector<Consumer> consumers(int64_t now_ms) const;  // by name
  size_t consumer_count(int64_t now_ms) const;
  SubscriptionLeases& subscriptions() { return subscriptions_; }

  // ---- shards --------------------------------------------------------------
  uint32_t next_shard_index() const;
  std::vector<std::shared_ptr<Shard>> shards() const;       // all, by index
  std::vector<std::shared_ptr<Shard>> open_shards() const;  // by starting hash key
  size_t open_shard_count() const;
  // By ShardId in any form AWS takes (log::shard_index_of), or by index.
  std::shared_ptr<Shard> find_shard(std::string_view shard_id) const;
  std::shared_ptr<Shard> find_shard(uint32_t index) const;
  // The open shard whose range holds `key`. Never null while the stream has
  // open shards covering the key space.
  std::shared_ptr<Shard> route(HashKey key) const;

 private:
  void add_shard(const ShardSpec& spec) REQUIRES(mu_);
  void apply_locked(const StreamEdit& edit) REQUIRES(mu_);
  // route() for many keys under one (shared) acquisition of mu_.
  void route_all(const HashKey* keys, size_t count, Shard** out) const;

  const StreamIdentity identity_;
  const std::string arn_;
  const LogFactory factory_;

  base::Mutex edit_mu_;
  mutable base::SharedMutex mu_;
  StreamMeta meta_ GUARDED_BY(mu_);
  std::vector<std::shared_ptr<Shard>> shards_ GUARDED_BY(mu_);  // index order
  std::vector<std::shared_ptr<Shard>> open_ GUARDED_BY(mu_);    // by range.start
  ConsumerRegistry consumers_ GUARDED_BY(mu_);
  SubscriptionLeases subscriptions_;
  std::atomic<bool> limited_{false};
  std::atomic<int64_t> planned_reshard_at_ms_{INT64_MAX};  // INT64_MAX: none
  std::atomic<uint64_t> next_spread_{0};                   // AUTO's turn
};

}  // namespace kinesisd::log
