#include "log/stream.hpp"

#include <algorithm>

namespace kinesisd::log {

const char* to_string(StreamStatus s) {
  switch (s) {
    case StreamStatus::kCreating:
      return "CREATING";
    case StreamStatus::kActive:
      return "ACTIVE";
    case StreamStatus::kUpdating:
      return "UPDATING";
    case StreamStatus::kDeleting:
      return "DELETING";
  }
  return "ACTIVE";
}

const char* to_string(StreamMode m) {
  return m == StreamMode::kOnDemand ? "ON_DEMAND" : "PROVISIONED";
}

Stream::Stream(std::string region, std::string account, std::string name, int64_t created_ms,
               StreamMeta meta)
    : region_(std::move(region)),
      account_(std::move(account)),
      name_(std::move(name)),
      arn_(stream_arn(region_, account_, name_)),
      created_ms_(created_ms),
      meta_(std::move(meta)) {}

StreamStatus Stream::status(int64_t now_ms) const {
  std::shared_lock lock(mu_);
  if (meta_.deleting_at_ms) return StreamStatus::kDeleting;
  if (now_ms < meta_.ready_at_ms)
    return meta_.updating ? StreamStatus::kUpdating : StreamStatus::kCreating;
  return StreamStatus::kActive;
}

bool Stream::gone(int64_t now_ms) const {
  std::shared_lock lock(mu_);
  return meta_.deleting_at_ms && now_ms >= meta_.gone_at_ms;
}

StreamMeta Stream::meta() const {
  std::shared_lock lock(mu_);
  return meta_;
}

Stream::WriteSettings Stream::write_settings() const {
  std::shared_lock lock(mu_);
  return {meta_.max_record_size_kib, meta_.encryption_type == "KMS"};
}

void Stream::begin_delete(int64_t now_ms, int64_t delay_ms) {
  std::unique_lock lock(mu_);
  if (meta_.deleting_at_ms) return;
  meta_.deleting_at_ms = now_ms;
  meta_.gone_at_ms = now_ms + delay_ms;
}

int64_t Stream::visible_from_ms(int64_t now_ms) const {
  std::shared_lock lock(mu_);
  return now_ms - int64_t{meta_.retention_hours} * 3'600'000;
}

Stream::RegisterOutcome Stream::register_consumer(const std::string& name, int64_t now_ms,
                                                  int64_t ready_delay_ms,
                                                  std::map<std::string, std::string> tags,
                                                  Consumer* out) {
  std::unique_lock lock(mu_);
  std::erase_if(consumers_, [&](const auto& entry) { return entry.second.gone(now_ms); });
  if (auto it = consumers_.find(name); it != consumers_.end()) {
    *out = it->second;
    return RegisterOutcome::kExists;
  }
  if (consumers_.size() >= kMaxConsumersPerStream) return RegisterOutcome::kTooMany;
  const auto creating = std::count_if(consumers_.begin(), consumers_.end(), [&](const auto& e) {
    return e.second.status(now_ms) == ConsumerStatus::kCreating;
  });
  if (static_cast<size_t>(creating) >= kMaxCreatingConsumers)
    return RegisterOutcome::kTooManyCreating;
  Consumer c;
  c.name = name;
  c.arn = consumer_arn(arn_, name, now_ms);
  c.created_ms = now_ms;
  c.ready_at_ms = now_ms + ready_delay_ms;
  c.tags = std::move(tags);
  *out = c;
  consumers_.emplace(name, std::move(c));
  return RegisterOutcome::kRegistered;
}

std::optional<Consumer> Stream::consumer(std::string_view name, int64_t now_ms) const {
  std::shared_lock lock(mu_);
  auto it = consumers_.find(name);
  if (it == consumers_.end() || it->second.gone(now_ms)) return std::nullopt;
  return it->second;
}

std::vector<Consumer> Stream::consumers(int64_t now_ms) const {
  std::shared_lock lock(mu_);
  std::vector<Consumer> out;
  for (const auto& [name, c] : consumers_)
    if (!c.gone(now_ms)) out.push_back(c);
  return out;
}

size_t Stream::consumer_count(int64_t now_ms) const {
  std::shared_lock lock(mu_);
  return static_cast<size_t>(std::count_if(consumers_.begin(), consumers_.end(),
                                           [&](const auto& e) { return !e.second.gone(now_ms); }));
}

bool Stream::deregister_consumer(std::string_view name, int64_t now_ms, int64_t delay_ms) {
  std::unique_lock lock(mu_);
  auto it = consumers_.find(name);
  if (it == consumers_.end() || it->second.gone(now_ms)) return false;
  if (!it->second.deleting_at_ms) {
    it->second.deleting_at_ms = now_ms;
    it->second.gone_at_ms = now_ms + delay_ms;
  }
  return true;
}

uint64_t Stream::claim_subscription(const std::string& key, int64_t now_ms) {
  std::unique_lock lock(mu_);
  auto it = subscriptions_.find(key);
  if (it != subscriptions_.end() && now_ms - it->second.started_ms < kSubscriptionTakeoverMs)
    return 0;
  const uint64_t generation = next_generation_++;
  subscriptions_[key] = Subscription{generation, now_ms};
  return generation;
}

bool Stream::holds_subscription(const std::string& key, uint64_t generation) const {
  std::shared_lock lock(mu_);
  auto it = subscriptions_.find(key);
  return it != subscriptions_.end() && it->second.generation == generation;
}

void Stream::release_subscription(const std::string& key, uint64_t generation) {
  std::unique_lock lock(mu_);
  auto it = subscriptions_.find(key);
  if (it != subscriptions_.end() && it->second.generation == generation) subscriptions_.erase(it);
}

void Stream::add_shard(std::shared_ptr<Shard> shard) {
  std::unique_lock lock(mu_);
  if (!shard->closed()) {
    auto at = std::upper_bound(open_.begin(), open_.end(), shard->range().start,
                               [](HashKey k, const auto& s) { return k < s->range().start; });
    open_.insert(at, shard);
  }
  shards_.push_back(std::move(shard));
}

void Stream::reshard(const std::vector<std::shared_ptr<Shard>>& parents,
                     std::vector<std::shared_ptr<Shard>> children, int64_t now_ms) {
  std::unique_lock lock(mu_);
  for (const auto& parent : parents) {
    parent->close(now_ms);
    std::erase(open_, parent);
  }
  for (auto& child : children) {
    auto at = std::upper_bound(open_.begin(), open_.end(), child->range().start,
                               [](HashKey k, const auto& s) { return k < s->range().start; });
    open_.insert(at, child);
    shards_.push_back(std::move(child));
  }
}

uint32_t Stream::next_shard_index() const {
  std::shared_lock lock(mu_);
  return static_cast<uint32_t>(shards_.size());
}

std::vector<std::shared_ptr<Shard>> Stream::shards() const {
  std::shared_lock lock(mu_);
  return shards_;
}

std::vector<std::shared_ptr<Shard>> Stream::open_shards() const {
  std::shared_lock lock(mu_);
  return open_;
}

size_t Stream::open_shard_count() const {
  std::shared_lock lock(mu_);
  return open_.size();
}

std::shared_ptr<Shard> Stream::find_shard(std::string_view shard_id) const {
  // Ids are "shardId-" + 12 digits and index == position in shards_.
  constexpr std::string_view kPrefix = "shardId-";
  if (shard_id.size() != kPrefix.size() + 12 || shard_id.substr(0, kPrefix.size()) != kPrefix)
    return nullptr;
  uint64_t index = 0;
  for (char c : shard_id.substr(kPrefix.size())) {
    if (c < '0' || c > '9') return nullptr;
    index = index * 10 + static_cast<uint64_t>(c - '0');
  }
  std::shared_lock lock(mu_);
  if (index >= shards_.size()) return nullptr;
  return shards_[index];
}

void Stream::route_all(const HashKey* keys, size_t count, Shard** out) const {
  std::shared_lock lock(mu_);
  for (size_t i = 0; i < count; ++i) {
    auto it = std::upper_bound(open_.begin(), open_.end(), keys[i],
                               [](HashKey k, const auto& s) { return k < s->range().start; });
    out[i] = nullptr;
    if (it == open_.begin()) continue;
    --it;
    if ((*it)->range().contains(keys[i])) out[i] = it->get();
  }
}

std::shared_ptr<Shard> Stream::route(HashKey key) const {
  std::shared_lock lock(mu_);
  auto it = std::upper_bound(open_.begin(), open_.end(), key,
                             [](HashKey k, const auto& s) { return k < s->range().start; });
  if (it == open_.begin()) return nullptr;
  --it;
  return (*it)->range().contains(key) ? *it : nullptr;
}

}  // namespace kinesisd::log
