#include "firehose/delivery/delivery_registry.hpp"

#include "firehose/delivery/delivery_journal.hpp"

namespace kinesisd::delivery {

DeliveryRegistry::~DeliveryRegistry() {
  base::MutexLock lock(mu_);
  streams_.clear();  // each delivers what it buffered, then stops
}

void DeliveryRegistry::sweep(int64_t now_ms) const {
  for (auto& [account, regions] : streams_)
    for (auto& [region, streams] : regions)
      std::erase_if(streams, [&](const auto& s) {
        if (!s.second->gone(now_ms)) return false;
        if (world_.journal) world_.journal->forget(s.second->identity());
        return true;
      });
}

void DeliveryRegistry::clear() {
  std::vector<std::shared_ptr<DeliveryStream>> all;
  {
    base::MutexLock lock(mu_);
    for (auto& [account, regions] : streams_)
      for (auto& [region, streams] : regions)
        for (auto& [name, s] : streams) all.push_back(std::move(s));
    streams_.clear();
  }
  for (const auto& s : all) {
    s->discard();
    if (world_.journal) world_.journal->forget(s->identity());
  }
}

std::shared_ptr<DeliveryStream> DeliveryRegistry::create(DeliveryIdentity identity,
                                                         DeliveryConfig config, int64_t ready_at_ms,
                                                         bool start) {
  base::MutexLock lock(mu_);
  sweep(world_.clock.now_ms());
  auto& region = streams_[identity.account][identity.region];
  if (region.count(identity.name)) return nullptr;
  const std::string name = identity.name;
  auto stream = std::make_shared<DeliveryStream>(std::move(identity), std::move(config), world_,
                                                 ready_at_ms, start);
  region.emplace(name, stream);
  return stream;
}

std::shared_ptr<DeliveryStream> DeliveryRegistry::find(const std::string& account,
                                                       const std::string& region,
                                                       const std::string& name) const {
  base::MutexLock lock(mu_);
  sweep(world_.clock.now_ms());
  const auto a = streams_.find(account);
  if (a == streams_.end()) return nullptr;
  const auto r = a->second.find(region);
  if (r == a->second.end()) return nullptr;
  const auto s = r->second.find(name);
  return s == r->second.end() ? nullptr : s->second;
}

std::vector<std::shared_ptr<DeliveryStream>> DeliveryRegistry::list(
    const std::string& account, const std::string& region) const {
  base::MutexLock lock(mu_);
  sweep(world_.clock.now_ms());
  std::vector<std::shared_ptr<DeliveryStream>> out;
  const auto a = streams_.find(account);
  if (a == streams_.end()) return out;
  const auto r = a->second.find(region);
  if (r != a->second.end())
    for (const auto& [name, s] : r->second) out.push_back(s);
  return out;
}

std::vector<std::shared_ptr<DeliveryStream>> DeliveryRegistry::list_all() const {
  base::MutexLock lock(mu_);
  std::vector<std::shared_ptr<DeliveryStream>> out;
  for (const auto& [account, regions] : streams_)
    for (const auto& [region, streams] : regions)
      for (const auto& [name, s] : streams) out.push_back(s);
  return out;
}

}  // namespace kinesisd::delivery
