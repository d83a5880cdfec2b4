// The storage contract of one shard: an append-only sequence of records,
// addressed by position (0, 1, 2, ... in append order, never reused).
//
// Implementations are not thread-safe; the owning Shard serializes access
// (REQUIRES: the shard's lock held, exclusive for append/trim, shared for the
// rest). The in-memory log implements it today; an on-disk segment store can
// implement the same interface later.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace kinesisd::log {

struct RecordView {
  uint64_t position;
  int64_t arrival_ms;
  std::string_view partition_key;
  std::string_view data;
  bool encrypted;
};

class ShardLog {
 public:
  virtual ~ShardLog() = default;

  // Appends one record and returns its position. arrival_ms must not be less
  // than the previous record's (the Shard guarantees it).
  virtual uint64_t append(int64_t arrival_ms, std::string_view partition_key, std::string_view data,
                          bool encrypted) = 0;

  // Positions in [begin(), end()) are stored; end() is the next position.
  virtual uint64_t begin() const = 0;
  virtual uint64_t end() const = 0;

  // The first stored position whose arrival is >= ms (end() if none). O(log n).
  virtual uint64_t lower_bound_time(int64_t ms) const = 0;

  virtual int64_t arrival_ms(uint64_t position) const = 0;

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
};

}  // namespace kinesisd::log
