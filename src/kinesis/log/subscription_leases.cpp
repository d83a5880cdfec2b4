#include "kinesis/log/subscription_leases.hpp"

namespace kinesisd::log {

uint64_t SubscriptionLeases::claim(const std::string& key, int64_t now_ms) {
  base::MutexLock lock(mu_);
  auto it = leases_.find(key);
  if (it != leases_.end() && now_ms - it->second.started_ms < kTakeoverMs) return 0;
  if (it != leases_.end() && it->second.on_lost) it->second.on_lost();
  const uint64_t generation = next_generation_++;
  leases_[key] = Lease{generation, now_ms, nullptr};
  return generation;
}

bool SubscriptionLeases::holds(const std::string& key, uint64_t generation) const {
  base::MutexLock lock(mu_);
  auto it = leases_.find(key);
  return it != leases_.end() && it->second.generation == generation;
}

void SubscriptionLeases::release(const std::string& key, uint64_t generation) {
  base::MutexLock lock(mu_);
  auto it = leases_.find(key);
  if (it != leases_.end() && it->second.generation == generation) leases_.erase(it);
}

void SubscriptionLeases::watch(const std::string& key, uint64_t generation,
                               std::function<void()> on_lost) {
  base::MutexLock lock(mu_);
  auto it = leases_.find(key);
  if (it != leases_.end() && it->second.generation == generation)
    it->second.on_lost = std::move(on_lost);
}

}  // namespace kinesisd::log
