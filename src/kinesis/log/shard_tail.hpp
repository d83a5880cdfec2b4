// Reads one shard forward from a position, for a reader that keeps its own
// checkpoint (an event source mapping, a subscription, a delivery stream):
// what is stored from the position on, how far behind the tip it is, and
// whether the shard is closed and read to its end. It is woken by the
// shard's appends and by the shard closing, never by a timer. It knows
// nothing of who reads.
//
// Thread-safety: position() and seek() belong to the reader's thread; tip()
// may be read anywhere. `wake` runs on the appending (or closing) thread,
// after tip() has moved; it must be quick and must not call into the tail.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kinesis/log/shard.hpp"
#include "kinesis/log/stream.hpp"

namespace kinesisd::log {

class ShardTail {
 public:
  ShardTail(std::shared_ptr<Stream> stream, std::shared_ptr<Shard> shard, uint64_t position,
            std::function<void()> wake = {});
  ~ShardTail();
  ShardTail(const ShardTail&) = delete;
  ShardTail& operator=(const ShardTail&) = delete;

  const std::shared_ptr<Stream>& stream() const { return stream_; }
  const std::shared_ptr<Shard>& shard() const { return shard_; }

  uint64_t position() const { return position_; }
  void seek(uint64_t position) { position_ = position; }

  // The shard's end as last heard from it.
  uint64_t tip() const { return tip_.load(); }
  uint64_t behind() const;
  // Closed by a reshard and read to its end: nothing more will come.
  bool drained() const;

  // Visits what is visible (under the stream's retention at now_ms) from
  // position() on, as Shard::read does, without moving the position.
  Shard::ReadResult read(int64_t now_ms, uint64_t limit, uint64_t max_bytes,
                         const std::function<bool(const RecordView&)>& visit);

 private:
  const std::shared_ptr<Stream> stream_;
  const std::shared_ptr<Shard> shard_;
  uint64_t position_;
  std::atomic<uint64_t> tip_;
  uint64_t listener_ = 0;
};

// Reads each of `tails` forward from its position (at most 10,000 records or
// 4 MiB a shard per call) and moves it on; the tails of closed shards read to
// their end are removed, and their shard ids returned. For a reader that
// follows a whole stream (a delivery stream, a channel).
std::vector<std::string> read_tails(
    std::vector<std::unique_ptr<ShardTail>>& tails, int64_t now_ms,
    const std::function<void(const Shard&, const RecordView&)>& visit);

}  // namespace kinesisd::log
