#include "kinesis/log/stream.hpp"

#include <algorithm>

namespace kinesisd::log {

Stream::Stream(StreamIdentity identity, LogFactory factory)
    : identity_(std::move(identity)),
      arn_(protocol::stream_arn(identity_.region, identity_.account, identity_.name)),
      factory_(std::move(factory)) {}

StreamStatus Stream::status(int64_t now_ms) const {
  base::ReaderLock lock(mu_);
  return meta_.status(now_ms);
}

bool Stream::gone(int64_t now_ms) const {
  base::ReaderLock lock(mu_);
  return meta_.gone(now_ms);
}

StreamMeta Stream::meta() const {
  base::ReaderLock lock(mu_);
  return meta_;
}

std::optional<std::string> Stream::kms_key() const {
  base::ReaderLock lock(mu_);
  if (meta_.encryption_type != "KMS") return std::nullopt;
  return meta_.key_id;
}

Tags Stream::tags() const {
  base::ReaderLock lock(mu_);
  return meta_.tags;
}

std::string Stream::resource_policy() const {
  base::ReaderLock lock(mu_);
  return meta_.resource_policy;
}

RecordDistribution Stream::distribution() const {
  base::ReaderLock lock(mu_);
  return meta_.distribution;
}

int64_t Stream::visible_from_ms(int64_t now_ms) const {
  base::ReaderLock lock(mu_);
  return now_ms - int64_t{meta_.retention_hours} * 3'600'000;
}

void Stream::apply(const StreamEdit& edit) {
  std::vector<std::shared_ptr<Shard>> to_wake;
  {
    base::WriterLock lock(mu_);
    apply_locked(edit);
    // Readers waiting on a shard (SubscribeToShard) end at once when their
    // stream goes or their consumer does, on every transport.
    if (edit.deletion || edit.consumer_deregistered) to_wake = shards_;
  }
  for (const auto& shard : to_wake) shard->wake_listeners();
}

void Stream::apply_locked(const StreamEdit& edit) {
  apply_to_meta(edit, meta_);
  planned_reshard_at_ms_.store(meta_.planned_reshard ? meta_.planned_reshard->at_ms : INT64_MAX,
                               std::memory_order_release);
  if (edit.created)
    for (const auto& spec : edit.created->shards) add_shard(spec);
  if (edit.reshard) {
    for (uint32_t index : edit.reshard->parents) {
      if (index >= shards_.size()) continue;
      const auto& parent = shards_[index];
      parent->close(edit.reshard->at_ms);
      std::erase(open_, parent);
    }
    for (const auto& spec : edit.reshard->children) add_shard(spec);
  }
  consumers_.apply(edit);
}

void Stream::add_shard(const ShardSpec& spec) {
  auto shard = std::make_shared<Shard>(
      spec, factory_(ShardLogId{identity_.region, identity_.name, identity_.id, spec.index}));
  auto at = std::upper_bound(open_.begin(), open_.end(), shard->range().start,
                             [](HashKey k, const auto& s) { return k < s->range().start; });
  open_.insert(at, shard);
  shards_.push_back(std::move(shard));
}

Stream::AppendResult Stream::append(std::span<const Entry> entries, int64_t now_ms,
                                    std::span<Placed> out) {
  AppendResult result;
  std::vector<HashKey> spread;  // AUTO: the open shards' first hash keys, taken in turn
  // One open shard over the whole key space takes every record, so a
  // partition key's MD5 is not needed to route it. Should a reshard close that
  // shard meanwhile, the records routed again below get their real keys.
  bool whole_space = false;
  {
    base::ReaderLock lock(mu_);
    const auto status = meta_.status(now_ms);
    if (status != StreamStatus::kActive && status != StreamStatus::kUpdating) {
      result.refusal = AppendResult::Refusal::kNotWritable;
      return result;
    }
    result.max_record_bytes = uint64_t(meta_.max_record_size_kib) * 1024;
    result.encrypted = meta_.encryption_type == "KMS";
    if (meta_.distribution == RecordDistribution::kAuto)
      for (const auto& shard : open_) spread.push_back(shard->range().start);
    whole_space =
        open_.size() == 1 && open_[0]->range().start == 0 && open_[0]->range().end == kMaxHashKey;
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].data.size() + entries[i].partition_key.size() > result.max_record_bytes) {
      result.refusal = AppendResult::Refusal::kTooLarge;
      result.record = i;
      return result;
    }
  }
  auto key_of = [&](const Entry& e) {
    // AUTO ignores the key: the open shards in turn, so they fill evenly.
    if (!spread.empty())
      return spread[next_spread_.fetch_add(1, std::memory_order_relaxed) % spread.size()];
    if (e.explicit_hash_key) return *e.explicit_hash_key;
    return whole_space ? HashKey{0} : hash_partition_key(e.partition_key);
  };

  // Records are screened at their shard when its limits are on or the caller
  // refuses some (fault injection): a refused record is placed, not appended.
  const bool limited = limited_.load(std::memory_order_relaxed);
  const bool screened = limited || std::any_of(entries.begin(), entries.end(), [](const Entry& e) {
                          return e.refuse != AppendStatus::kOk;
                        });
  auto verdict = [&](const Shard& shard, const Entry& e) {
    if (e.refuse != AppendStatus::kOk) return e.refuse;
    if (limited && !shard.throughput().admit_write(now_ms, e.data.size() + e.partition_key.size()))
      return AppendStatus::kThrottled;
    return AppendStatus::kOk;
  };

  if (entries.size() == 1) {
    HashKey key = key_of(entries[0]);
    const NewRecord record{entries[0].partition_key, entries[0].data, result.encrypted};
    for (;;) {
      auto shard = route(key);
      if (!shard) {
        out[0] = Placed{nullptr, {}, AppendStatus::kFailed};
        result.failed = 1;
        return result;
      }
      if (screened) {
        if (const auto v = verdict(*shard, entries[0]); v != AppendStatus::kOk) {
          out[0] = Placed{shard.get(), {}, v};
          result.failed = 1;
          return result;
        }
      }
      SequenceNumber seq;
      const auto status = shard->append(now_ms, {&record, 1}, &seq, &result.sync_generation);
      if (status == AppendStatus::kClosed) {  // closed by a concurrent reshard
        whole_space = false;
        key = key_of(entries[0]);
        continue;
      }
      out[0] = Placed{shard.get(), seq, status};
      result.failed = status == AppendStatus::kOk ? 0 : 1;
      return result;
    }
  }

  std::vector<HashKey> keys(entries.size());
  if (spread.empty() && !whole_space) {
    // The partition keys' MD5s, many at once; explicit hash keys as given.
    std::vector<std::string_view> hashed;
    std::vector<size_t> at;
    hashed.reserve(entries.size());
    at.reserve(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].explicit_hash_key) {
        keys[i] = *entries[i].explicit_hash_key;
      } else {
        hashed.push_back(entries[i].partition_key);
        at.push_back(i);
      }
    }
    std::vector<HashKey> digests(hashed.size());
    hash_partition_keys(hashed.data(), hashed.size(), digests.data());
    for (size_t k = 0; k < at.size(); ++k) keys[at[k]] = digests[k];
  } else {
    for (size_t i = 0; i < entries.size(); ++i) keys[i] = key_of(entries[i]);
  }
  // Group by shard, keeping request order inside each group.
  std::vector<size_t> pending(entries.size());
  for (size_t i = 0; i < pending.size(); ++i) pending[i] = i;
  std::vector<HashKey> pending_keys;
  std::vector<Shard*> routed;
  std::vector<size_t> order;
  std::vector<NewRecord> batch;
  std::vector<SequenceNumber> sequences;
  for (bool first = true; !pending.empty(); first = false) {
    if (!first && whole_space) {  // routed again after a reshard: by their real keys
      whole_space = false;
      for (size_t i : pending) keys[i] = key_of(entries[i]);
    }
    pending_keys.clear();
    for (size_t i : pending) pending_keys.push_back(keys[i]);
    routed.resize(pending.size());
    route_all(pending_keys.data(), pending_keys.size(), routed.data());
    // Grouped by shard, request order holding inside each group: by a look
    // among the groups so far while there are few (a batch meets a handful
    // of shards), else by a stable sort, so a batch spread over many shards
    // costs n log n, not n x shards.
    constexpr size_t kFewGroups = 16;
    std::vector<std::pair<Shard*, std::vector<size_t>>> groups;
    bool few = true;
    for (size_t p = 0; p < pending.size(); ++p) {
      Shard* shard = routed[p];
      if (!shard) {
        out[pending[p]] = Placed{nullptr, {}, AppendStatus::kFailed};
        ++result.failed;
        continue;
      }
      if (!few) continue;
      auto g = std::find_if(groups.begin(), groups.end(),
                            [shard](const auto& group) { return group.first == shard; });
      if (g == groups.end()) {
        if (groups.size() == kFewGroups) {
          few = false;
          continue;
        }
        g = groups.emplace(groups.end(), shard, std::vector<size_t>{});
      }
      g->second.push_back(pending[p]);
    }
    if (!few) {
      groups.clear();
      order.resize(pending.size());
      for (size_t p = 0; p < pending.size(); ++p) order[p] = p;
      std::stable_sort(order.begin(), order.end(),
                       [&](size_t a, size_t b) { return routed[a] < routed[b]; });
      for (size_t p : order) {
        Shard* shard = routed[p];
        if (!shard) continue;  // failed above
        if (groups.empty() || groups.back().first != shard)
          groups.emplace_back(shard, std::vector<size_t>{});
        groups.back().second.push_back(pending[p]);
      }
    }
    std::vector<size_t> retry;
    for (auto& group : groups) {
      auto& [shard, indices] = group;
      // Over the shard's throughput (or refused): those records fail, the
      // rest go in.
      if (screened)
        std::erase_if(indices, [&, shard = group.first](size_t i) {
          const auto v = verdict(*shard, entries[i]);
          if (v == AppendStatus::kOk) return false;
          out[i] = Placed{shard, {}, v};
          ++result.failed;
          return true;
        });
      if (indices.empty()) continue;
      batch.clear();
      for (size_t i : indices)
        batch.push_back({entries[i].partition_key, entries[i].data, result.encrypted});
      sequences.resize(indices.size());
      uint64_t sync = 0;
      const auto status = shard->append(now_ms, batch, sequences.data(), &sync);
      result.sync_generation = std::max(result.sync_generation, sync);
      if (status == AppendStatus::kClosed) {  // closed by a concurrent reshard: route again
        retry.insert(retry.end(), indices.begin(), indices.end());
        continue;
      }
      for (size_t k = 0; k < indices.size(); ++k)
        out[indices[k]] = Placed{shard, sequences[k], status};
      if (status != AppendStatus::kOk) result.failed += indices.size();
    }
    pending = std::move(retry);
  }
  return result;
}

ConsumerRegistry::Refusal Stream::can_register_consumer(std::string_view name, int64_t now_ms,
                                                        Consumer* existing) const {
  base::ReaderLock lock(mu_);
  return consumers_.can_register(name, now_ms, existing);
}

std::optional<Consumer> Stream::consumer(std::string_view name, int64_t now_ms) const {
  base::ReaderLock lock(mu_);
  return consumers_.find(name, now_ms);
}

std::vector<Consumer> Stream::consumers(int64_t now_ms) const {
  base::ReaderLock lock(mu_);
  return consumers_.list(now_ms);
}

size_t Stream::consumer_count(int64_t now_ms) const {
  base::ReaderLock lock(mu_);
  return consumers_.count(now_ms);
}

uint32_t Stream::next_shard_index() const {
  base::ReaderLock lock(mu_);
  return static_cast<uint32_t>(shards_.size());
}

std::vector<std::shared_ptr<Shard>> Stream::shards() const {
  base::ReaderLock lock(mu_);
  return shards_;
}

std::vector<std::shared_ptr<Shard>> Stream::open_shards() const {
  base::ReaderLock lock(mu_);
  return open_;
}

size_t Stream::open_shard_count() const {
  base::ReaderLock lock(mu_);
  return open_.size();
}

std::shared_ptr<Shard> Stream::find_shard(std::string_view shard_id) const {
  const auto index = shard_index_of(shard_id);
  return index ? find_shard(*index) : nullptr;
}

std::shared_ptr<Shard> Stream::find_shard(uint32_t index) const {
  base::ReaderLock lock(mu_);  // index == position in shards_
  if (index >= shards_.size()) return nullptr;
  return shards_[index];
}

void Stream::route_all(const HashKey* keys, size_t count, Shard** out) const {
  base::ReaderLock lock(mu_);
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
  base::ReaderLock lock(mu_);
  auto it = std::upper_bound(open_.begin(), open_.end(), key,
                             [](HashKey k, const auto& s) { return k < s->range().start; });
  if (it == open_.begin()) return nullptr;
  --it;
  return (*it)->range().contains(key) ? *it : nullptr;
}

}  // namespace kinesisd::log
