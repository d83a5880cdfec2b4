#include "kinesis/log/consumer_registry.hpp"

#include <algorithm>

namespace kinesisd::log {

ConsumerRegistry::Refusal ConsumerRegistry::can_register(std::string_view name, int64_t now_ms,
                                                         Consumer* existing) const {
  if (auto it = consumers_.find(name); it != consumers_.end() && !it->second.gone(now_ms)) {
    if (existing) *existing = it->second;
    return Refusal::kExists;
  }
  size_t live = 0, creating = 0;
  for (const auto& [n, c] : consumers_) {
    if (c.gone(now_ms)) continue;
    ++live;
    if (c.status(now_ms) == ConsumerStatus::kCreating) ++creating;
  }
  if (live >= kMaxConsumersPerStream) return Refusal::kTooMany;
  if (creating >= kMaxCreatingConsumers) return Refusal::kTooManyCreating;
  return Refusal::kNone;
}

void ConsumerRegistry::apply(const StreamEdit& edit) {
  if (edit.consumer_registered) {
    const Consumer& c = *edit.consumer_registered;
    std::erase_if(consumers_, [&](const auto& entry) { return entry.second.gone(c.created_ms); });
    consumers_[c.name] = c;
  }
  if (edit.consumer_deregistered) {
    const auto& d = *edit.consumer_deregistered;
    if (auto it = consumers_.find(d.name); it != consumers_.end() && !it->second.deleting_at_ms) {
      it->second.deleting_at_ms = d.at_ms;
      it->second.gone_at_ms = d.gone_at_ms;
    }
  }
  if (edit.consumer_tags) {
    const auto& t = *edit.consumer_tags;
    if (auto it = consumers_.find(t.name); it != consumers_.end()) {
      for (const auto& [k, v] : t.added) it->second.tags[k] = v;
      for (const auto& k : t.removed) it->second.tags.erase(k);
    }
  }
  if (edit.consumer_policy) {
    const auto& p = *edit.consumer_policy;
    if (auto it = consumers_.find(p.name); it != consumers_.end())
      it->second.resource_policy = p.policy;
  }
}

std::optional<Consumer> ConsumerRegistry::find(std::string_view name, int64_t now_ms) const {
  auto it = consumers_.find(name);
  if (it == consumers_.end() || it->second.gone(now_ms)) return std::nullopt;
  return it->second;
}

std::vector<Consumer> ConsumerRegistry::list(int64_t now_ms) const {
  std::vector<Consumer> out;
  for (const auto& [name, c] : consumers_)
    if (!c.gone(now_ms)) out.push_back(c);
  return out;
}

size_t ConsumerRegistry::count(int64_t now_ms) const {
  return static_cast<size_t>(std::count_if(consumers_.begin(), consumers_.end(),
                                           [&](const auto& e) { return !e.second.gone(now_ms); }));
}

}  // namespace kinesisd::log
