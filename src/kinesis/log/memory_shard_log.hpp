// The in-memory ShardLog.
//
// Records live in segments of kSegmentRecords entries. A segment keeps its
// payloads (partition key then data, back to back) in one byte buffer and a
// fixed-size index entry per record, so a stored 100-byte record costs about
// 100 + key + 24 bytes. Segments are full except the last, so a position maps
// to its segment by division: O(1) seek by position, O(log n) by time, O(1)
// amortized append, and retention drops whole segments from the front.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "base/mutex.hpp"
#include "kinesis/log/memory_budget.hpp"
#include "kinesis/log/shard_log.hpp"

namespace kinesisd::log {

class MemoryShardLog final : public ShardLog {
 public:
  static constexpr uint64_t kSegmentRecords = 1024;

  // With a budget, what the log holds counts against it, and an append that
  // would pass it is refused (kFull).
  explicit MemoryShardLog(MemoryBudget* budget = nullptr) : budget_(budget) {}
  ~MemoryShardLog() override;
  MemoryShardLog(const MemoryShardLog&) = delete;
  MemoryShardLog& operator=(const MemoryShardLog&) = delete;

  AppendStatus append(int64_t arrival_ms, std::span<const NewRecord> records) override;
  uint64_t begin() const override;
  uint64_t end() const override { return end_; }
  uint64_t lower_bound_time(int64_t ms) const override;
  int64_t arrival_ms(uint64_t position) const override;
  int64_t last_arrival_ms() const override { return last_arrival_ms_; }
  uint64_t read(uint64_t from, uint64_t limit, uint64_t max_bytes,
                const std::function<bool(const RecordView&)>& visit) const override;
  void trim_before(int64_t ms) override;
  uint64_t memory_bytes() const override { return memory_bytes_; }

 private:
  struct Entry {
    int64_t arrival_ms;
    uint64_t offset;
    uint32_t data_size;
    uint16_t key_size;
    bool encrypted;
  };
  struct Segment {
    uint64_t first = 0;
    std::vector<Entry> entries;
    std::string bytes;
  };

  void append_one(int64_t arrival_ms, const NewRecord& record);
  void trim_segments(int64_t ms);
  // REQUIRES: begin() <= position < end().
  const Entry& entry(uint64_t position, const Segment** segment) const;
  static uint64_t footprint(const Segment& s);

  MemoryBudget* const budget_;
  std::deque<Segment> segments_;
  uint64_t end_ = 0;
  uint64_t memory_bytes_ = 0;
  int64_t last_arrival_ms_ = 0;
};

}  // namespace kinesisd::log
