// One shard: its identity and hash-key range, its record log, and the lock
// that serializes access to that log.
//
// Locking: mu_ guards log_ and last_arrival_ms_. Appends take it exclusively,
// reads shared; writers and readers of different shards never contend.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/mutex.hpp"
#include "kinesis/log/hash_key.hpp"
#include "kinesis/log/sequence_number.hpp"
#include "kinesis/log/shard_log.hpp"
#include "kinesis/log/shard_throughput.hpp"
#include "kinesis/log/stream_edit.hpp"

namespace kinesisd::log {

std::string shard_id_for(uint32_t index);  // "shardId-000000000007"
// The shard index a ShardId names, as AWS reads it: the decimal digits after
// the last hyphen (or the whole text without one), so "shardId-7", "abc-7" and
// "7" name shard 7; nullopt when that is not digits only or exceeds
// 2147483647 (kinesalite's test/mergeShards.js and getShardIterator.js,
// checked against AWS).
std::optional<uint32_t> shard_index_of(std::string_view shard_id);

class Shard {
 public:
  Shard(const ShardSpec& spec, std::unique_ptr<ShardLog> log);

  const std::string& id() const { return id_; }
  uint32_t index() const { return index_; }
  const HashKeyRange& range() const { return range_; }
  int64_t created_ms() const { return created_ms_; }
  const std::optional<std::string>& parent() const { return parent_; }
  const std::optional<std::string>& adjacent_parent() const { return adjacent_parent_; }

  SequenceNumber starting_sequence() const;
  // Set once when the shard is closed by resharding; nullopt while open.
  std::optional<SequenceNumber> ending_sequence() const;
  bool closed() const { return closed_.load(std::memory_order_acquire); }
  // When close() ran; meaningful once closed().
  int64_t closed_at_ms() const { return closed_at_ms_.load(std::memory_order_acquire); }
  // Closes the shard: no more appends. Returns false if already closed.
  bool close(int64_t now_ms);

  // Appends records in order; out[i] receives record i's sequence number.
  // All or none: kClosed when the shard was closed by a reshard, or the log's
  // refusal (ShardLog::append). Every number issued is above all earlier ones
  // of this shard, and children of a reshard are created later (higher
  // leading digits), which is what SequenceNumberForOrdering asks for.
  // `sync` (if given) receives the log's sync generation after the append.
  AppendStatus append(int64_t now_ms, std::span<const NewRecord> records, SequenceNumber* out,
                      uint64_t* sync = nullptr);

  SequenceNumber sequence_at(uint64_t position, int64_t arrival_ms) const;
  // Position of the record a sequence number names (counter - 1; 0 for the start).
  static uint64_t position_of(const SequenceNumber& s) {
    return s.counter == 0 ? 0 : s.counter - 1;
  }

  struct ReadResult {
    uint64_t next_position = 0;   // where the next read starts
    uint64_t end_position = 0;    // the shard's tip when read
    int64_t next_arrival_ms = 0;  // arrival of the record at next_position, if any
  };
  // Reads visible records (arrived at or after visible_from_ms) starting at
  // `from`; see ShardLog::read for limit and max_bytes.
  ReadResult read(uint64_t from, int64_t visible_from_ms, uint64_t limit, uint64_t max_bytes,
                  const std::function<bool(const RecordView&)>& visit) const;

  // Positions for iterators.
  uint64_t trim_horizon(int64_t visible_from_ms) const;
  uint64_t latest() const;
  uint64_t at_timestamp(int64_t ms, int64_t visible_from_ms) const;

  void trim_before(int64_t ms);
  uint64_t memory_bytes() const;
  uint64_t record_count() const;

  // Traffic counters for /metrics; relaxed atomics, never on a lock.
  struct Counters {
    std::atomic<uint64_t> incoming_records{0};
    std::atomic<uint64_t> incoming_bytes{0};
    std::atomic<uint64_t> outgoing_records{0};
    std::atomic<uint64_t> outgoing_bytes{0};
    std::atomic<int64_t> iterator_age_ms{0};  // MillisBehindLatest of the last GetRecords
  };
  Counters& counters() const { return counters_; }
  // Its throughput limits' state, consulted when its stream's limits are on.
  ShardThroughput& throughput() const { return throughput_; }

  // Called after every append, and once when the shard closes, with the
  // shard's tip, outside the shard's lock. Used to wake readers instead of
  // polling. remove_listener returns once no call of that listener is in
  // flight. REQUIRES (remove_listener): no lock the listener takes is held.
  using AppendListener = std::function<void(uint64_t end_position)>;
  uint64_t add_listener(AppendListener listener);
  void remove_listener(uint64_t token);
  // Calls the listeners with the current tip: the stream around the shard
  // changed (deleted, a consumer deregistered) and its readers should look.
  void wake_listeners() { notify(latest()); }

 private:
  void notify(uint64_t tip);

  const uint32_t index_;
  const std::string id_;
  const HashKeyRange range_;
  const int64_t created_ms_;
  const std::optional<std::string> parent_;
  const std::optional<std::string> adjacent_parent_;

  mutable base::SharedMutex mu_;
  std::unique_ptr<ShardLog> log_ GUARDED_BY(mu_);
  int64_t last_arrival_ms_ GUARDED_BY(mu_) = 0;
  std::optional<SequenceNumber> ending_ GUARDED_BY(mu_);
  std::atomic<int64_t> closed_at_ms_{0};
  mutable Counters counters_;
  mutable ShardThroughput throughput_;
  std::atomic<bool> closed_{false};

  // Held shared while listeners run, exclusively to change the list.
  base::SharedMutex listeners_mu_;
  std::vector<std::pair<uint64_t, AppendListener>> listeners_ GUARDED_BY(listeners_mu_);
  uint64_t next_listener_ GUARDED_BY(listeners_mu_) = 1;
  std::atomic<bool> has_listeners_{false};
};

}  // namespace kinesisd::log
