// The storage contract of one shard: an append-only sequence of records,
// addressed by position (0, 1, 2, ... in append order, never reused).
//
// Implementations are not thread-safe; the owning Shard serializes access
// (REQUIRES: the shard's lock held, exclusive for append/trim, shared for the
// rest). A LogFactory makes the log of each shard, told which shard it is.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/mutex.hpp"

namespace kinesisd::log {

struct RecordView {
  uint64_t position;
  int64_t arrival_ms;
  std::string_view partition_key;
  std::string_view data;
  bool encrypted;
};

// A record on its way into a log.
struct NewRecord {
  std::string_view partition_key;
  std::string_view data;
  bool encrypted = false;
};

enum class AppendStatus {
  kOk,
  kClosed,     // the shard was closed by a reshard (Shard::append only)
  kFull,       // the store's bound on stored bytes is reached
  kFailed,     // the log could not store the records (I/O error); logged where it happened
  kThrottled,  // over the shard's write throughput, limits on (Stream::append only)
};

class ShardLog {
 public:
  virtual ~ShardLog() = default;

  // Appends the records in order at positions end(), end() + 1, ... All or
  // none: on any status but kOk nothing was appended. arrival_ms must not be
  // less than the previous append's (the Shard guarantees it).
  virtual AppendStatus append(int64_t arrival_ms, std::span<const NewRecord> records) = 0;

  // Positions in [begin(), end()) are stored; end() is the next position.
  virtual uint64_t begin() const = 0;
  virtual uint64_t end() const = 0;

  // The first stored position whose arrival is >= ms (end() if none). O(log n).
  virtual uint64_t lower_bound_time(int64_t ms) const = 0;

  virtual int64_t arrival_ms(uint64_t position) const = 0;
  // The arrival of the newest stored record (0 when none was ever stored).
  virtual int64_t last_arrival_ms() const = 0;

  // Visits records from `from` on, stopping after `limit` records, or before a
  // record that would take the visited bytes past `max_bytes` (the first record
  // is always visited), or when the visitor returns false. Returns the position
  // after the last visited record.
  virtual uint64_t read(uint64_t from, uint64_t limit, uint64_t max_bytes,
                        const std::function<bool(const RecordView&)>& visit) const = 0;

  // Drops stored records that arrived before `ms`. Implementations may keep a
  // few older ones (whole segments are dropped); callers hide them by time.
  virtual void trim_before(int64_t ms) = 0;

  // Bytes of memory held for records (payloads and index).
  virtual uint64_t memory_bytes() const = 0;

  // A log that syncs in groups (--durability fsync): the generation its last
  // append must reach before it is acknowledged; 0 when nothing waits.
  virtual uint64_t sync_generation() const { return 0; }
};

// Which shard a log is made for: a stream incarnation (a stream deleted and
// created again under the same name is another id) and a shard index.
struct ShardLogId {
  std::string region;
  std::string stream;
  uint64_t stream_id = 0;
  uint32_t shard_index = 0;
};

using LogFactory = std::function<std::unique_ptr<ShardLog>(const ShardLogId&)>;

}  // namespace kinesisd::log
