// The records of a data directory that are kept in memory: chunks (runs of
// up to 1024 consecutive records of one shard, as written in its segment
// file) read from disk or just written, held least-recently-used first out
// under one byte budget (--cache-mb) shared by every shard. A chunk evicted
// is read back from its segment when next wanted.
//
// Thread-safe: one mutex over the LRU list; a chunk's bytes are immutable
// once inserted and stay alive while a reader holds them.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/mutex.hpp"

namespace kinesisd::log {

// The frames of one chunk and where each starts.
struct ChunkData {
  std::string bytes;
  std::vector<uint32_t> offsets;
  uint64_t footprint() const { return bytes.capacity() + offsets.capacity() * 4 + 64; }
};

class ChunkCache {
 public:
  explicit ChunkCache(uint64_t budget_bytes) : budget_(budget_bytes) {}

  // Who a chunk belongs to: a shard's log and the chunk's first position.
  struct Key {
    const void* owner;
    uint64_t first;
    friend bool operator==(const Key&, const Key&) = default;
  };

  std::shared_ptr<const ChunkData> get(const Key& key);
  // Keeps the chunk (the most recently used), evicting the least recently
  // used past the budget.
  void insert(const Key& key, std::shared_ptr<const ChunkData> chunk);
  void forget(const Key& key);

  uint64_t bytes() const;
  uint64_t budget() const { return budget_; }

 private:
  struct KeyHash {
    size_t operator()(const Key& k) const {
      return std::hash<const void*>()(k.owner) ^ (std::hash<uint64_t>()(k.first) * 31);
    }
  };
  using Entry = std::pair<Key, std::shared_ptr<const ChunkData>>;

  const uint64_t budget_;
  mutable base::Mutex mu_;
  std::list<Entry> lru_ GUARDED_BY(mu_);
  std::unordered_map<Key, std::list<Entry>::iterator, KeyHash> by_key_ GUARDED_BY(mu_);
  uint64_t bytes_ GUARDED_BY(mu_) = 0;
};

}  // namespace kinesisd::log
