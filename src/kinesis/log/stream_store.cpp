#include "kinesis/log/stream_store.hpp"

#include "kinesis/log/memory_shard_log.hpp"
#include "kinesis/log/uniform_scaling.hpp"

namespace kinesisd::log {

StreamStore::StreamStore(StoreOptions options, const Clock& clock, LogFactory factory)
    : options_(std::move(options)), clock_(clock), factory_(std::move(factory)) {
  if (!factory_) factory_ = [](const ShardLogId&) { return std::make_unique<MemoryShardLog>(); };
}

CreateResult StreamStore::create(StreamSpec spec) {
  const int64_t now = clock_.now_ms();
  std::shared_ptr<Stream> stream;
  StreamEdit edit;
  uint64_t open = 0;
  {
    if (spec.account.empty()) spec.account = options_.account_id;
    base::WriterLock lock(mu_);
    auto& region = streams_[spec.account][spec.region];
    if (auto it = region.find(spec.name); it != region.end()) {
      if (!it->second->gone(now)) return {CreateOutcome::kAlreadyExists, 0, nullptr};
      region.erase(it);
    }
    for (const auto& [name, s] : region)
      if (!s->gone(now)) open += s->open_shard_count();
    if (open + spec.shard_count > options_.shard_limit)
      return {CreateOutcome::kShardLimitExceeded, open, nullptr};

    spec.meta.ready_at_ms = spec.active_at_once ? now : now + options_.create_delay_ms;
    spec.meta.updating = false;
    StreamEdit::Creation creation{std::move(spec.meta), {}};
    const auto ranges = split_key_space(spec.shard_count);
    for (uint32_t i = 0; i < spec.shard_count; ++i)
      creation.shards.push_back(ShardSpec{i, ranges[i], now, std::nullopt, std::nullopt});
    edit.created = std::move(creation);
    const StreamIdentity identity{next_id_, spec.region, spec.account, spec.name, now};
    base::MutexLock applying(apply_mu_);
    if (journal_) journal_->record(identity, edit);
    ++next_id_;
    stream = std::make_shared<Stream>(identity, factory_);
    stream->set_limited(options_.limits || options_.limited_streams.contains(spec.name));
    stream->apply(edit);
    region.emplace(spec.name, stream);
  }
  notify(stream, edit);
  return {CreateOutcome::kCreated, open, stream};
}

namespace {

bool sets_a_policy(const StreamEdit& edit) {
  return (edit.resource_policy && !edit.resource_policy->empty()) ||
         (edit.consumer_policy && !edit.consumer_policy->policy.empty());
}

}  // namespace

void StreamStore::apply(const std::shared_ptr<Stream>& stream, const StreamEdit& edit) {
  {
    base::MutexLock applying(apply_mu_);
    if (journal_) journal_->record(stream->identity(), edit);
    // Before the edit takes effect, so no reader sees the policy and not the flag.
    if (sets_a_policy(edit)) any_policy_.store(true, std::memory_order_release);
    stream->apply(edit);
  }
  notify(stream, edit);
}

void StreamStore::persist(EditJournal* journal, std::function<void(const StreamIdentity&)> forget) {
  journal_ = journal;
  forget_ = std::move(forget);
  account_settings_.set_recorder(
      [journal](const std::string& region, const AccountSettings::Record& record) {
        journal->record_account(region, record);
      });
}

size_t StreamStore::restore() {
  if (!journal_) return 0;
  for (const auto& [region, record] : journal_->load_account())
    account_settings_.restore(region, record);
  const int64_t now = clock_.now_ms();
  size_t restored = 0;
  std::vector<StreamIdentity> gone;
  {
    base::WriterLock lock(mu_);
    for (auto& recovered : journal_->load()) {
      next_id_ = std::max(next_id_, recovered.identity.id + 1);
      if (recovered.edits.empty() || !recovered.edits.front().created) {
        gone.push_back(recovered.identity);  // never came to be: nothing to keep
        continue;
      }
      auto stream = std::make_shared<Stream>(recovered.identity, factory_);
      stream->set_limited(options_.limits ||
                          options_.limited_streams.contains(recovered.identity.name));
      for (const auto& edit : recovered.edits) {
        if (sets_a_policy(edit)) any_policy_.store(true, std::memory_order_release);
        stream->apply(edit);
      }
      if (stream->gone(now)) {  // deleted before the restart
        gone.push_back(recovered.identity);
        continue;
      }
      // In id order: a later incarnation of a name replaces an earlier one.
      streams_[recovered.identity.account][recovered.identity.region][recovered.identity.name] =
          stream;
      ++restored;
    }
  }
  for (const auto& identity : gone) {
    journal_->forget(identity);
    if (forget_) forget_(identity);
  }
  return restored;
}

std::function<void(std::function<void()>)> StreamStore::when_synced(uint64_t generation) const {
  if (!sync_group_ || generation == 0) return nullptr;
  return [group = sync_group_, generation](std::function<void()> send) {
    group->when_synced(generation, std::move(send));
  };
}

uint64_t StreamStore::add_listener(EditListener listener) {
  base::MutexLock lock(listeners_mu_);
  const uint64_t token = next_listener_++;
  auto next = std::make_shared<Listeners>(*listeners_);
  next->emplace_back(token, std::move(listener));
  listeners_ = std::move(next);
  return token;
}

void StreamStore::remove_listener(uint64_t token) {
  base::MutexLock lock(listeners_mu_);
  auto next = std::make_shared<Listeners>(*listeners_);
  std::erase_if(*next, [token](const auto& p) { return p.first == token; });
  listeners_ = std::move(next);
}

void StreamStore::notify(const std::shared_ptr<Stream>& stream, const StreamEdit& edit) {
  std::shared_ptr<const Listeners> snapshot;
  {
    base::MutexLock lock(listeners_mu_);
    snapshot = listeners_;
  }
  for (const auto& [token, listener] : *snapshot) listener(stream, edit);
}

std::shared_ptr<Stream> StreamStore::find(std::string_view account, std::string_view region,
                                          std::string_view name) const {
  base::ReaderLock lock(mu_);
  auto a = streams_.find(account);
  if (a == streams_.end()) return nullptr;
  auto r = a->second.find(region);
  if (r == a->second.end()) return nullptr;
  auto it = r->second.find(name);
  if (it == r->second.end() || it->second->gone(clock_.now_ms())) return nullptr;
  return it->second;
}

std::vector<std::shared_ptr<Stream>> StreamStore::list(std::string_view account,
                                                       std::string_view region) const {
  const int64_t now = clock_.now_ms();
  std::vector<std::shared_ptr<Stream>> out;
  base::ReaderLock lock(mu_);
  auto a = streams_.find(account);
  if (a == streams_.end()) return out;
  auto r = a->second.find(region);
  if (r == a->second.end()) return out;
  for (const auto& [name, stream] : r->second)
    if (!stream->gone(now)) out.push_back(stream);
  return out;
}

std::vector<std::shared_ptr<Stream>> StreamStore::list_all() const {
  const int64_t now = clock_.now_ms();
  std::vector<std::shared_ptr<Stream>> out;
  base::ReaderLock lock(mu_);
  for (const auto& [account, regions] : streams_)
    for (const auto& [region, streams] : regions)
      for (const auto& [name, stream] : streams)
        if (!stream->gone(now)) out.push_back(stream);
  return out;
}

uint64_t StreamStore::open_shards(std::string_view account, std::string_view region) const {
  uint64_t n = 0;
  for (const auto& s : list(account, region)) n += s->open_shard_count();
  return n;
}

void StreamStore::clear() {
  std::vector<StreamIdentity> forgotten;
  {
    base::WriterLock lock(mu_);
    for (auto& [account, regions] : streams_)
      for (auto& [region, streams] : regions)
        for (const auto& [name, stream] : streams) forgotten.push_back(stream->identity());
    streams_.clear();
  }
  account_settings_.clear();
  if (journal_) journal_->forget_accounts();
  for (const auto& identity : forgotten) {
    if (journal_) journal_->forget(identity);
    if (forget_) forget_(identity);
  }
}

void StreamStore::sweep() {
  const int64_t now = clock_.now_ms();
  std::vector<std::shared_ptr<Stream>> live;
  std::vector<StreamIdentity> forgotten;
  {
    base::WriterLock lock(mu_);
    for (auto& [account, regions] : streams_)
      for (auto& [region, streams] : regions) {
        std::erase_if(streams, [&](const auto& kv) {
          if (!kv.second->gone(now)) return false;
          forgotten.push_back(kv.second->identity());
          return true;
        });
        for (const auto& [name, stream] : streams) live.push_back(stream);
      }
  }
  for (const auto& identity : forgotten) {
    if (journal_) journal_->forget(identity);
    if (forget_) forget_(identity);
  }
  for (const auto& stream : live) {
    if (stream->reshard_due(now)) {
      base::MutexLock editing(stream->edit_mutex());
      carry_out_planned_reshard(*this, stream, now);
    }
    const int64_t cutoff = stream->visible_from_ms(now);
    for (const auto& shard : stream->shards()) shard->trim_before(cutoff);
  }
}

}  // namespace kinesisd::log
