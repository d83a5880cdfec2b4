#include "kinesis/log/chunk_cache.hpp"

namespace kinesisd::log {

std::shared_ptr<const ChunkData> ChunkCache::get(const Key& key) {
  base::MutexLock lock(mu_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void ChunkCache::insert(const Key& key, std::shared_ptr<const ChunkData> chunk) {
  std::vector<std::shared_ptr<const ChunkData>> evicted;  // freed outside the lock
  base::MutexLock lock(mu_);
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    bytes_ -= it->second->second->footprint();
    evicted.push_back(std::move(it->second->second));
    lru_.erase(it->second);
    by_key_.erase(it);
  }
  bytes_ += chunk->footprint();
  lru_.emplace_front(key, std::move(chunk));
  by_key_[key] = lru_.begin();
  while (bytes_ > budget_ && lru_.size() > 1) {
    auto& last = lru_.back();
    bytes_ -= last.second->footprint();
    by_key_.erase(last.first);
    evicted.push_back(std::move(last.second));
    lru_.pop_back();
  }
}

void ChunkCache::forget(const Key& key) {
  std::shared_ptr<const ChunkData> dropped;
  base::MutexLock lock(mu_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return;
  bytes_ -= it->second->second->footprint();
  dropped = std::move(it->second->second);
  lru_.erase(it->second);
  by_key_.erase(it);
}

uint64_t ChunkCache::bytes() const {
  base::MutexLock lock(mu_);
  return bytes_;
}

}  // namespace kinesisd::log
