#include "control/settling.hpp"

#include "protocol/arn.hpp"

namespace kinesisd::control {
namespace {

std::map<std::string, uint64_t> tips_of(const log::Stream& stream) {
  std::map<std::string, uint64_t> out;
  for (const auto& shard : stream.shards()) out[shard->id()] = shard->latest();
  return out;
}

}  // namespace

Snapshot snapshot(poller::Poller* poller, delivery::DeliveryRegistry* deliveries,
                  channels::ChannelRegistry* channels, log::StreamStore& store) {
  Snapshot s;
  if (poller)
    for (const auto& m : poller->list()) {
      const auto config = m->config();
      // A disabled mapping settles nothing (nor one whose consumer is gone).
      if (!config || !config->enabled || m->source_gone()) continue;
      auto stream = store.find(config->stream_account, config->stream_region, config->stream_name);
      if (!stream) continue;
      s.mappings.push_back({m, stream, tips_of(*stream)});
    }
  if (deliveries)
    for (const auto& d : deliveries->list_all()) {
      Snapshot::Delivery entry{d, d->accepted(), {}};
      const auto config = d->config();
      if (config.type == "KinesisStreamAsSource")
        if (const auto ref = protocol::parse_stream_arn(config.source_stream_arn))
          if (auto source = store.find(ref->account, ref->region, ref->name))
            entry.tips = tips_of(*source);
      s.deliveries.push_back(std::move(entry));
    }
  if (channels)
    for (const auto& c : channels->list_all()) {
      // Before it is ACTIVE a channel owes nothing (no backfill).
      if (c->source_positions().empty()) continue;
      if (const auto ref = protocol::parse_stream_arn(c->definition().stream_arn))
        if (auto stream = store.find(ref->account, ref->region, ref->name))
          s.channels.push_back({c, tips_of(*stream)});
    }
  return s;
}

nlohmann::json pending(const Snapshot& snapshot) {
  nlohmann::json mappings = nlohmann::json::array();
  for (const auto& m : snapshot.mappings) {
    std::map<std::string, const poller::ShardStatus*> by_shard;
    const auto status = m.mapping->shard_status();
    for (const auto& s : status) by_shard[s.shard_id] = &s;
    nlohmann::json behind = nlohmann::json::object();
    for (const auto& [id, tip] : m.tips) {
      const auto it = by_shard.find(id);
      if (it != by_shard.end()) {
        // A poller's checkpoint moves past a batch only once it is settled.
        if (!it->second->finished && it->second->checkpoint < tip)
          behind[id] = tip - it->second->checkpoint;
        continue;
      }
      // No poller: a closed shard was drained (pollers start parents first);
      // an open one waits for its parents and holds what it holds.
      auto shard = m.stream->find_shard(id);
      if (shard && !shard->closed() && shard->record_count() > 0)
        behind[id] = shard->record_count();
    }
    if (!behind.empty())
      mappings.push_back({{"uuid", m.mapping->uuid()}, {"shards", std::move(behind)}});
  }
  nlohmann::json deliveries = nlohmann::json::array();
  for (const auto& d : snapshot.deliveries) {
    uint64_t unread = 0;
    if (!d.tips.empty()) {
      const auto read = d.stream->source_positions();
      for (const auto& [id, tip] : d.tips) {
        const auto it = read.find(id);
        const uint64_t at = it == read.end() ? 0 : it->second;
        if (at < tip) unread += tip - at;
      }
    }
    // Records taken before the call, and source records not read yet. A
    // source's records read since the call are among those taken now (some
    // may be later ones: the wait is then a little longer, never shorter).
    const uint64_t taken = d.tips.empty() ? d.accepted : d.stream->accepted();
    const uint64_t settled = d.stream->settled();
    const uint64_t waiting = (taken > settled ? taken - settled : 0) + unread;
    if (waiting > 0)
      deliveries.push_back({{"name", d.stream->identity().name}, {"records", waiting}});
  }
  nlohmann::json channels = nlohmann::json::array();
  for (const auto& c : snapshot.channels) {
    // Records of the call's shards not read yet, and those read, not written.
    uint64_t waiting = c.channel->buffered();
    const auto read = c.channel->source_positions();
    for (const auto& [id, tip] : c.tips) {
      const auto it = read.find(id);
      if (it != read.end() && it->second < tip) waiting += tip - it->second;
    }
    if (waiting > 0)
      channels.push_back({{"name", c.channel->definition().name}, {"records", waiting}});
  }
  return {{"mappings", std::move(mappings)},
          {"delivery_streams", std::move(deliveries)},
          {"channels", std::move(channels)}};
}

bool settled(const nlohmann::json& p) {
  return p.at("mappings").empty() && p.at("delivery_streams").empty() && p.at("channels").empty();
}

}  // namespace kinesisd::control
