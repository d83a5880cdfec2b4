// The ShardLog of a data directory (--data-dir): records in the shard's
// append-only segment files (storage/segment_format.hpp), an index of chunks
// in memory, and the chunks' bytes in the shared ChunkCache.
//
// - append: the batch's frames go to the newest segment in one write(2)
//   before it returns (--durability process: killing kinesisd loses nothing
//   appended); with a SyncGroup the file is also marked for the next group
//   fdatasync (--durability fsync), and sync_generation() says which.
// - read: a chunk is found by position (binary search over the chunk index,
//   O(log n)), its bytes come from the cache or one pread of the chunk.
// - recovery (the constructor): every segment is scanned frame by frame; a
//   torn or corrupt frame cuts its file there, the cut is logged, and what
//   lay after it in that file is lost (positions resume in the next file, so
//   a corrupt older segment leaves a gap; later ones are still served).
// - retention deletes whole segment files.
//
// Memory: the chunk index (about 64 bytes per 1024 records) and the open
// chunk (at most kChunkBytes); every sealed chunk lives in the cache.
// Not thread-safe beyond ShardLog's contract (the Shard's lock).
#pragma once

#include <deque>
#include <memory>
#include <string>

#include "kinesis/log/chunk_cache.hpp"
#include "kinesis/log/shard_log.hpp"
#include "storage/segment_file.hpp"
#include "storage/sync_group.hpp"

namespace kinesisd::log {

struct DiskLogSettings {
  std::string directory;  // the shard's own; created when missing
  ShardLogId id;
  ChunkCache* cache = nullptr;
  storage::SyncGroup* sync = nullptr;  // --durability fsync
  uint64_t segment_bytes = 64ull << 20;
};

class DiskShardLog final : public ShardLog {
 public:
  static constexpr uint32_t kChunkRecords = 1024;
  static constexpr uint64_t kChunkBytes = 256 << 10;

  // Opens the directory and recovers what it holds. Throws storage::Error
  // when the directory cannot be used.
  explicit DiskShardLog(DiskLogSettings settings);
  ~DiskShardLog() override;

  AppendStatus append(int64_t arrival_ms, std::span<const NewRecord> records) override;
  uint64_t begin() const override;
  uint64_t end() const override { return end_; }
  uint64_t lower_bound_time(int64_t ms) const override;
  int64_t arrival_ms(uint64_t position) const override;
  int64_t last_arrival_ms() const override { return last_arrival_ms_; }
  uint64_t read(uint64_t from, uint64_t limit, uint64_t max_bytes,
                const std::function<bool(const RecordView&)>& visit) const override;
  void trim_before(int64_t ms) override;
  uint64_t memory_bytes() const override;
  uint64_t sync_generation() const override { return sync_generation_; }

  // What recovery found, for tests and the start-up log.
  struct Recovery {
    uint64_t records = 0;
    uint64_t dropped_bytes = 0;
    std::vector<std::string> problems;
  };
  const Recovery& recovery() const { return recovery_; }

 private:
  struct Segment {
    std::unique_ptr<storage::SegmentFile> file;
    uint64_t end_position = 0;  // after its last record
    int64_t last_arrival_ms = 0;
    bool empty() const { return end_position == file->header().first_position; }
  };
  struct Chunk {
    uint64_t first = 0;
    uint32_t count = 0;
    storage::SegmentFile* file = nullptr;
    uint64_t offset = 0;  // of its first frame in the file
    uint64_t bytes = 0;
    int64_t first_arrival_ms = 0;
    int64_t last_arrival_ms = 0;
    uint64_t end() const { return first + count; }
  };

  void recover();
  void roll();            // a new segment at end_
  void seal();            // the open chunk goes to the cache
  void start_chunk(storage::SegmentFile* file, uint64_t offset, uint64_t first, int64_t arrival);
  void drop_front_segment();
  // The first chunk that ends after `position` (chunks_.size() if none).
  size_t chunk_after(uint64_t position) const;
  std::shared_ptr<const ChunkData> data_of(size_t chunk) const;

  const DiskLogSettings settings_;
  std::deque<Segment> segments_;
  std::deque<Chunk> chunks_;
  std::shared_ptr<ChunkData> open_;  // the bytes of chunks_.back() while it takes appends
  uint64_t end_ = 0;
  int64_t last_arrival_ms_ = 0;
  uint64_t sync_generation_ = 0;
  std::string scratch_;  // a batch's frames before they are written
  Recovery recovery_;
};

}  // namespace kinesisd::log
