#include "kinesis/log/shard.hpp"

#include <algorithm>
#include <cstdio>

namespace kinesisd::log {

std::string shard_id_for(uint32_t index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shardId-%012u", index);
  return buf;
}

std::optional<uint32_t> shard_index_of(std::string_view shard_id) {
  if (const size_t dash = shard_id.rfind('-'); dash != std::string_view::npos)
    shard_id.remove_prefix(dash + 1);
  if (shard_id.empty()) return std::nullopt;
  uint64_t index = 0;
  for (char c : shard_id) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + static_cast<uint64_t>(c - '0');
    if (index > 2147483647) return std::nullopt;
  }
  return static_cast<uint32_t>(index);
}

namespace {

std::optional<std::string> id_of(std::optional<uint32_t> index) {
  if (!index) return std::nullopt;
  return shard_id_for(*index);
}

}  // namespace

Shard::Shard(const ShardSpec& spec, std::unique_ptr<ShardLog> log)
    : index_(spec.index),
      id_(shard_id_for(spec.index)),
      range_(spec.range),
      created_ms_(spec.created_ms),
      parent_(id_of(spec.parent)),
      adjacent_parent_(id_of(spec.adjacent_parent)),
      log_(std::move(log)),
      last_arrival_ms_(std::max(spec.created_ms, log_->end() > log_->begin()
                                                     ? log_->arrival_ms(log_->end() - 1)
                                                     : int64_t{0})) {}

SequenceNumber Shard::starting_sequence() const {
  const auto s = static_cast<uint64_t>(created_ms_ / 1000);
  return SequenceNumber{s, index_, 0, s};
}

std::optional<SequenceNumber> Shard::ending_sequence() const {
  base::ReaderLock lock(mu_);
  return ending_;
}

bool Shard::close(int64_t now_ms) {
  uint64_t tip = 0;
  {
    base::WriterLock lock(mu_);
    if (closed_.load()) return false;
    // The ending number is above every record's: the next counter that will
    // never be used.
    ending_ = SequenceNumber{static_cast<uint64_t>(created_ms_ / 1000), index_, log_->end() + 1,
                             static_cast<uint64_t>(std::max(now_ms, last_arrival_ms_) / 1000)};
    closed_at_ms_.store(now_ms, std::memory_order_release);
    closed_.store(true, std::memory_order_release);
    tip = log_->end();
  }
  notify(tip);  // readers waiting at the tip learn the shard has ended
  return true;
}

void Shard::notify(uint64_t tip) {
  if (!has_listeners_.load(std::memory_order_acquire)) return;
  base::ReaderLock running(listeners_mu_);
  for (auto& entry : listeners_) entry.second(tip);
}

SequenceNumber Shard::sequence_at(uint64_t position, int64_t arrival_ms) const {
  return SequenceNumber{static_cast<uint64_t>(created_ms_ / 1000), index_, position + 1,
                        static_cast<uint64_t>(arrival_ms / 1000)};
}

AppendStatus Shard::append(int64_t now_ms, std::span<const NewRecord> records, SequenceNumber* out,
                           uint64_t* sync) {
  uint64_t tip = 0;
  {
    base::WriterLock lock(mu_);
    if (closed_.load(std::memory_order_relaxed)) return AppendStatus::kClosed;
    // Arrival times never go backwards within a shard, so the log stays
    // sorted by time and AT_TIMESTAMP can binary-search it.
    const int64_t arrival = std::max(now_ms, last_arrival_ms_);
    const uint64_t first = log_->end();
    if (const auto status = log_->append(arrival, records); status != AppendStatus::kOk)
      return status;
    last_arrival_ms_ = arrival;
    for (size_t i = 0; i < records.size(); ++i) out[i] = sequence_at(first + i, arrival);
    tip = log_->end();
    if (sync) *sync = log_->sync_generation();
  }
  uint64_t bytes = 0;
  for (const auto& r : records) bytes += r.partition_key.size() + r.data.size();
  counters_.incoming_records.fetch_add(records.size(), std::memory_order_relaxed);
  counters_.incoming_bytes.fetch_add(bytes, std::memory_order_relaxed);
  notify(tip);
  return AppendStatus::kOk;
}

Shard::ReadResult Shard::read(uint64_t from, int64_t visible_from_ms, uint64_t limit,
                              uint64_t max_bytes,
                              const std::function<bool(const RecordView&)>& visit) const {
  base::ReaderLock lock(mu_);
  ReadResult r;
  uint64_t start = std::max(from, log_->begin());
  if (start < log_->end() && log_->arrival_ms(start) < visible_from_ms)
    start = std::max(start, log_->lower_bound_time(visible_from_ms));
  r.next_position = log_->read(start, limit, max_bytes, visit);
  r.end_position = log_->end();
  if (r.next_position < r.end_position) r.next_arrival_ms = log_->arrival_ms(r.next_position);
  return r;
}

uint64_t Shard::trim_horizon(int64_t visible_from_ms) const {
  base::ReaderLock lock(mu_);
  return log_->lower_bound_time(visible_from_ms);
}

uint64_t Shard::latest() const {
  base::ReaderLock lock(mu_);
  return log_->end();
}

uint64_t Shard::at_timestamp(int64_t ms, int64_t visible_from_ms) const {
  base::ReaderLock lock(mu_);
  return log_->lower_bound_time(std::max(ms, visible_from_ms));
}

void Shard::trim_before(int64_t ms) {
  base::WriterLock lock(mu_);
  log_->trim_before(ms);
}

uint64_t Shard::memory_bytes() const {
  base::ReaderLock lock(mu_);
  return log_->memory_bytes();
}

uint64_t Shard::record_count() const {
  base::ReaderLock lock(mu_);
  return log_->end() - log_->begin();
}

uint64_t Shard::add_listener(AppendListener listener) {
  base::WriterLock lock(listeners_mu_);
  const uint64_t token = next_listener_++;
  listeners_.emplace_back(token, std::move(listener));
  has_listeners_.store(true, std::memory_order_release);
  return token;
}

void Shard::remove_listener(uint64_t token) {
  base::WriterLock lock(listeners_mu_);
  std::erase_if(listeners_, [token](const auto& p) { return p.first == token; });
  has_listeners_.store(!listeners_.empty(), std::memory_order_release);
}

}  // namespace kinesisd::log
