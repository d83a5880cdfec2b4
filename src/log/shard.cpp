#include "log/shard.hpp"

#include <algorithm>
#include <cstdio>

namespace kinesisd::log {

std::string shard_id_for(uint32_t index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shardId-%012u", index);
  return buf;
}

Shard::Shard(uint32_t index, HashKeyRange range, int64_t created_ms, std::unique_ptr<ShardLog> log,
             std::optional<std::string> parent, std::optional<std::string> adjacent_parent)
    : index_(index),
      id_(shard_id_for(index)),
      range_(range),
      created_ms_(created_ms),
      parent_(std::move(parent)),
      adjacent_parent_(std::move(adjacent_parent)),
      log_(std::move(log)),
      last_arrival_ms_(created_ms) {}

SequenceNumber Shard::starting_sequence() const {
  const auto s = static_cast<uint64_t>(created_ms_ / 1000);
  return SequenceNumber{s, index_, 0, s};
}

std::optional<SequenceNumber> Shard::ending_sequence() const {
  std::shared_lock lock(mu_);
  return ending_;
}

bool Shard::close(int64_t now_ms) {
  uint64_t tip = 0;
  {
    std::unique_lock lock(mu_);
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
  std::shared_ptr<const Listeners> snapshot;
  {
    std::lock_guard lock(listeners_mu_);
    snapshot = listeners_;
  }
  for (auto& entry : *snapshot) entry.second(tip);
}

SequenceNumber Shard::sequence_at(uint64_t position, int64_t arrival_ms) const {
  return SequenceNumber{static_cast<uint64_t>(created_ms_ / 1000), index_, position + 1,
                        static_cast<uint64_t>(arrival_ms / 1000)};
}

bool Shard::append(int64_t now_ms, const ShardRecord* records, size_t count, SequenceNumber* out) {
  uint64_t tip = 0;
  {
    std::unique_lock lock(mu_);
    if (closed_.load(std::memory_order_relaxed)) return false;
    // Arrival times never go backwards within a shard, so the log stays
    // sorted by time and AT_TIMESTAMP can binary-search it.
    const int64_t arrival = std::max(now_ms, last_arrival_ms_);
    last_arrival_ms_ = arrival;
    for (size_t i = 0; i < count; ++i) {
      const uint64_t pos =
          log_->append(arrival, records[i].partition_key, records[i].data, records[i].encrypted);
      out[i] = sequence_at(pos, arrival);
    }
    tip = log_->end();
  }
  uint64_t bytes = 0;
  for (size_t i = 0; i < count; ++i)
    bytes += records[i].partition_key.size() + records[i].data.size();
  counters_.incoming_records.fetch_add(count, std::memory_order_relaxed);
  counters_.incoming_bytes.fetch_add(bytes, std::memory_order_relaxed);
  notify(tip);
  return true;
}

Shard::ReadResult Shard::read(uint64_t from, int64_t visible_from_ms, uint64_t limit,
                              uint64_t max_bytes,
                              const std::function<bool(const RecordView&)>& visit) const {
  std::shared_lock lock(mu_);
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
  std::shared_lock lock(mu_);
  return log_->lower_bound_time(visible_from_ms);
}

uint64_t Shard::latest() const {
  std::shared_lock lock(mu_);
  return log_->end();
}

uint64_t Shard::at_timestamp(int64_t ms, int64_t visible_from_ms) const {
  std::shared_lock lock(mu_);
  return log_->lower_bound_time(std::max(ms, visible_from_ms));
}

void Shard::trim_before(int64_t ms) {
  std::unique_lock lock(mu_);
  log_->trim_before(ms);
}

uint64_t Shard::memory_bytes() const {
  std::shared_lock lock(mu_);
  return log_->memory_bytes();
}

uint64_t Shard::record_count() const {
  std::shared_lock lock(mu_);
  return log_->end() - log_->begin();
}

uint64_t Shard::add_listener(AppendListener listener) {
  std::lock_guard lock(listeners_mu_);
  const uint64_t token = next_listener_++;
  auto next = std::make_shared<Listeners>(*listeners_);
  next->emplace_back(token, std::move(listener));
  listeners_ = std::move(next);
  has_listeners_.store(true, std::memory_order_release);
  return token;
}

void Shard::remove_listener(uint64_t token) {
  std::lock_guard lock(listeners_mu_);
  auto next = std::make_shared<Listeners>(*listeners_);
  std::erase_if(*next, [token](const auto& p) { return p.first == token; });
  has_listeners_.store(!next->empty(), std::memory_order_release);
  listeners_ = std::move(next);
}

}  // namespace kinesisd::log
