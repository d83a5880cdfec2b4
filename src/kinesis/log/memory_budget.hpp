// The bound on records held in memory without a data directory
// (--max-memory-mb): every MemoryShardLog of a store counts what it holds
// here, and refuses an append (AppendStatus::kFull) that would take the total
// past the limit. Retention frees what it trims.
//
// Thread-safe (relaxed atomics: the bound is a guard rail, not an invariant
// to the byte).
#pragma once

#include <atomic>
#include <cstdint>

namespace kinesisd::log {

class MemoryBudget {
 public:
  explicit MemoryBudget(uint64_t limit_bytes) : limit_(limit_bytes) {}

  bool admits(uint64_t bytes) const {
    return used_.load(std::memory_order_relaxed) + bytes <= limit_;
  }
  void add(int64_t delta) { used_.fetch_add(delta, std::memory_order_relaxed); }
  uint64_t used() const {
    const int64_t u = used_.load(std::memory_order_relaxed);
    return u > 0 ? static_cast<uint64_t>(u) : 0;
  }
  uint64_t limit() const { return limit_; }

 private:
  const uint64_t limit_;
  std::atomic<int64_t> used_{0};
};

}  // namespace kinesisd::log
