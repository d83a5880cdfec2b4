#include "kinesis/channels/channel_registry.hpp"

#include <spdlog/spdlog.h>

namespace kinesisd::channels {

using nlohmann::json;

ChannelRegistry::~ChannelRegistry() {
  base::MutexLock lock(mu_);
  by_arn_.clear();  // each channel's thread stops, its checkpoint kept
}

void ChannelRegistry::sweep() const {
  const int64_t now = world_.streams.clock().now_ms();
  for (auto it = by_arn_.begin(); it != by_arn_.end();) {
    const auto times = it->second->times();
    if (times.deleting_at_ms && now >= times.gone_at_ms && it->second->buffered() == 0) {
      if (world_.db) {
        world_.db->erase("channels", it->first);
        world_.db->erase("channel_checkpoints", it->first);
      }
      it = by_arn_.erase(it);
    } else {
      ++it;
    }
  }
}

std::shared_ptr<Channel> ChannelRegistry::create(ChannelDefinition definition, ChannelTimes times,
                                                 int freshness_s) {
  base::MutexLock lock(mu_);
  sweep();
  for (const auto& [arn, channel] : by_arn_) {
    const auto& d = channel->definition();
    if (d.account == definition.account && d.region == definition.region &&
        d.name == definition.name)
      return nullptr;
  }
  const std::string arn = definition.arn;
  json logging = definition.request.at("LoggingConfiguration");
  auto channel = std::make_shared<Channel>(std::move(definition), times, freshness_s,
                                           std::move(logging), world_);
  channel->save();
  by_arn_[arn] = channel;
  return channel;
}

std::shared_ptr<Channel> ChannelRegistry::find(const std::string& arn) const {
  base::MutexLock lock(mu_);
  sweep();
  auto it = by_arn_.find(arn);
  return it == by_arn_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Channel>> ChannelRegistry::list(const std::string& account,
                                                            const std::string& region) const {
  std::map<std::string, std::shared_ptr<Channel>> by_name;
  base::MutexLock lock(mu_);
  sweep();
  for (const auto& [arn, channel] : by_arn_)
    if (channel->definition().account == account && channel->definition().region == region)
      by_name[channel->definition().name] = channel;
  std::vector<std::shared_ptr<Channel>> out;
  for (auto& [name, channel] : by_name) out.push_back(std::move(channel));
  return out;
}

std::vector<std::shared_ptr<Channel>> ChannelRegistry::list_all() const {
  base::MutexLock lock(mu_);
  sweep();
  std::vector<std::shared_ptr<Channel>> out;
  for (const auto& [arn, channel] : by_arn_) out.push_back(channel);
  return out;
}

std::vector<std::shared_ptr<Channel>> ChannelRegistry::reading(
    const std::string& stream_arn) const {
  std::vector<std::shared_ptr<Channel>> out;
  for (auto& channel : list_all())
    if (channel->definition().stream_arn == stream_arn) out.push_back(std::move(channel));
  return out;
}

size_t ChannelRegistry::restore() {
  if (!world_.db) return 0;
  size_t restored = 0;
  for (const auto& [arn, value] : world_.db->scan("channels")) {
    try {
      const json j = json::parse(value);
      const auto& t = j.at("times");
      const ChannelTimes times{t.at(0), t.at(1), t.at(2), t.at(3)};
      std::optional<json> checkpoint;
      if (auto saved = world_.db->get("channel_checkpoints", arn)) checkpoint = json::parse(*saved);
      auto channel = std::make_shared<Channel>(ChannelDefinition::from_json(j), times,
                                               j.at("freshness_s").get<int>(), j.at("logging"),
                                               world_, std::move(checkpoint));
      if (const auto saved = j.find("tags"); saved != j.end()) {  // as TagResource left them
        const auto tags = saved->get<std::map<std::string, std::string>>();
        std::vector<std::string> removed;
        for (const auto& [k, v] : channel->tags())
          if (!tags.count(k)) removed.push_back(k);
        channel->change_tags(tags, removed);
      }
      base::MutexLock lock(mu_);
      by_arn_[arn] = std::move(channel);
      ++restored;
    } catch (const std::exception& e) {
      spdlog::error("channel {} is not restored: {}", arn, e.what());
    }
  }
  return restored;
}

void ChannelRegistry::clear() {
  std::map<std::string, std::shared_ptr<Channel>> gone;
  {
    base::MutexLock lock(mu_);
    gone.swap(by_arn_);
  }
  for (auto& [arn, channel] : gone) channel->discard();
  if (world_.db) {
    world_.db->erase_prefix("channels", "");
    world_.db->erase_prefix("channel_checkpoints", "");
  }
}

}  // namespace kinesisd::channels
