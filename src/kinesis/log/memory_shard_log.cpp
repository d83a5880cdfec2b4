#include "kinesis/log/memory_shard_log.hpp"

#include <algorithm>

namespace kinesisd::log {

uint64_t MemoryShardLog::footprint(const Segment& s) {
  return s.entries.capacity() * sizeof(Entry) + s.bytes.capacity() + sizeof(Segment);
}

MemoryShardLog::~MemoryShardLog() {
  if (budget_) budget_->add(-static_cast<int64_t>(memory_bytes_));
}

AppendStatus MemoryShardLog::append(int64_t arrival_ms, std::span<const NewRecord> records) {
  const uint64_t before = memory_bytes_;
  if (budget_) {
    uint64_t bytes = 0;
    for (const auto& r : records) bytes += r.partition_key.size() + r.data.size() + sizeof(Entry);
    if (!budget_->admits(bytes)) return AppendStatus::kFull;
  }
  for (const auto& r : records) append_one(arrival_ms, r);
  if (!records.empty()) last_arrival_ms_ = arrival_ms;
  if (budget_) budget_->add(static_cast<int64_t>(memory_bytes_) - static_cast<int64_t>(before));
  return AppendStatus::kOk;
}

void MemoryShardLog::append_one(int64_t arrival_ms, const NewRecord& record) {
  if (segments_.empty() || segments_.back().entries.size() == kSegmentRecords) {
    if (!segments_.empty()) {
      // The segment is sealed: give back the slack of geometric growth.
      Segment& full = segments_.back();
      memory_bytes_ -= footprint(full);
      full.bytes.shrink_to_fit();
      memory_bytes_ += footprint(full);
    }
    Segment fresh;
    fresh.first = end_;
    fresh.entries.reserve(kSegmentRecords);
    // Records tend to be alike: room for as many bytes as the last segment
    // held, so the bytes are not copied at every doubling on the way there.
    if (!segments_.empty()) fresh.bytes.reserve(segments_.back().bytes.size());
    memory_bytes_ += footprint(fresh);
    segments_.push_back(std::move(fresh));
  }
  Segment& seg = segments_.back();
  const uint64_t before = footprint(seg);
  Entry e{arrival_ms, seg.bytes.size(), static_cast<uint32_t>(record.data.size()),
          static_cast<uint16_t>(record.partition_key.size()), record.encrypted};
  seg.bytes.append(record.partition_key);
  seg.bytes.append(record.data);
  seg.entries.push_back(e);
  memory_bytes_ += footprint(seg) - before;
  ++end_;
}

uint64_t MemoryShardLog::begin() const {
  return segments_.empty() ? end_ : segments_.front().first;
}

const MemoryShardLog::Entry& MemoryShardLog::entry(uint64_t position,
                                                   const Segment** segment) const {
  const uint64_t index = (position - segments_.front().first) / kSegmentRecords;
  const Segment& seg = segments_[index];
  *segment = &seg;
  return seg.entries[position - seg.first];
}

int64_t MemoryShardLog::arrival_ms(uint64_t position) const {
  const Segment* seg = nullptr;
  return entry(position, &seg).arrival_ms;
}

uint64_t MemoryShardLog::lower_bound_time(int64_t ms) const {
  // First segment whose last record arrived at or after ms, then inside it.
  auto seg = std::partition_point(segments_.begin(), segments_.end(), [ms](const Segment& s) {
    return s.entries.back().arrival_ms < ms;
  });
  if (seg == segments_.end()) return end_;
  auto it = std::partition_point(seg->entries.begin(), seg->entries.end(),
                                 [ms](const Entry& e) { return e.arrival_ms < ms; });
  return seg->first + static_cast<uint64_t>(it - seg->entries.begin());
}

uint64_t MemoryShardLog::read(uint64_t from, uint64_t limit, uint64_t max_bytes,
                              const std::function<bool(const RecordView&)>& visit) const {
  uint64_t pos = std::max(from, begin());
  uint64_t bytes = 0;
  uint64_t count = 0;
  while (pos < end_ && count < limit) {
    const Segment* seg = nullptr;
    const Entry& e = entry(pos, &seg);
    const uint64_t size = uint64_t{e.key_size} + e.data_size;
    if (count > 0 && bytes + size > max_bytes) break;
    const char* base = seg->bytes.data() + e.offset;
    RecordView view{pos, e.arrival_ms, std::string_view(base, e.key_size),
                    std::string_view(base + e.key_size, e.data_size), e.encrypted};
    if (!visit(view)) break;
    bytes += size;
    ++count;
    ++pos;
  }
  return pos;
}

void MemoryShardLog::trim_before(int64_t ms) {
  const uint64_t before = memory_bytes_;
  trim_segments(ms);
  if (budget_) budget_->add(static_cast<int64_t>(memory_bytes_) - static_cast<int64_t>(before));
}

void MemoryShardLog::trim_segments(int64_t ms) {
  // Only sealed segments go: the last one stays open for appends.
  while (segments_.size() > 1 && segments_.front().entries.back().arrival_ms < ms) {
    memory_bytes_ -= footprint(segments_.front());
    segments_.pop_front();
  }
  if (segments_.size() == 1 && segments_.front().entries.size() == kSegmentRecords &&
      segments_.front().entries.back().arrival_ms < ms) {
    memory_bytes_ -= footprint(segments_.front());
    segments_.pop_front();
  }
}

}  // namespace kinesisd::log
