#include "lambda/poller/event_source_mapping.hpp"

#include <spdlog/spdlog.h>

#include "protocol/arn.hpp"

namespace kinesisd::poller {

std::string function_arn(std::string_view region, std::string_view account,
                         std::string_view function_name) {
  return "arn:aws:lambda:" + std::string(region) + ":" + std::string(account) +
         ":function:" + std::string(function_name);
}

EventSourceMapping::EventSourceMapping(std::string uuid, std::string region, std::string account,
                                       MappingConfig config, handler::Registered handler,
                                       log::StreamStore& store, CheckpointJournal* journal,
                                       const RestoredMapping* restored)
    : uuid_(std::move(uuid)),
      region_(std::move(region)),
      account_(std::move(account)),
      arn_(protocol::mapping_arn(region_, account_, uuid_)),
      store_(store),
      journal_(journal),
      restored_(restored != nullptr),
      config_(std::make_shared<const MappingConfig>(std::move(config))),
      handler_(std::move(handler)),
      function_arn_(poller::function_arn(region_, account_, handler_.handler->name())),
      last_modified_ms_(restored ? restored->last_modified_ms : store.clock().now_ms()) {}

EventSourceMapping::~EventSourceMapping() {
  request_stop();
  join();
}

std::shared_ptr<const MappingConfig> EventSourceMapping::config() const {
  base::MutexLock lock(mu_);
  return config_;
}

std::shared_ptr<handler::Handler> EventSourceMapping::handler() const {
  base::MutexLock lock(mu_);
  return handler_.handler;
}

std::string EventSourceMapping::role_arn() const {
  base::MutexLock lock(mu_);
  return handler_.role_arn;
}

std::string EventSourceMapping::function_arn() const {
  base::MutexLock lock(mu_);
  return function_arn_;
}

std::string EventSourceMapping::handler_name() const {
  base::MutexLock lock(mu_);
  return handler_.handler->name();
}

void EventSourceMapping::note_processed() {
  base::MutexLock lock(mu_);
  processed_any_ = true;
}

void EventSourceMapping::start() {
  // The store may call a listener after it was removed: it holds the mapping
  // weakly and checks it is still there.
  store_listener_ = store_.add_listener(
      [weak = weak_from_this()](const std::shared_ptr<log::Stream>& s, const log::StreamEdit& e) {
        if (auto self = weak.lock()) self->on_edit(s, e);
      });
  const auto c = config();
  auto stream = store_.find(c->stream_account, c->stream_region, c->stream_name);
  if (!stream || stream->status(store_.clock().now_ms()) == log::StreamStatus::kDeleting) {
    base::MutexLock lock(mu_);
    problem_ = "PROBLEM: Stream not found.";
    return;
  }
  if (!consumer_present(*stream, *c)) {
    lose_source(*c);
    return;
  }
  if (restored_ && journal_) {
    // Where it was: its checkpoints for the stream as it is now. A stream
    // created again since has none, and is read from its start.
    auto saved = journal_->load(uuid_, stream->identity().id);
    follow(std::move(stream), std::move(saved.positions), std::move(saved.done));
    return;
  }
  std::map<std::string, uint64_t> start;
  const int64_t visible = stream->visible_from_ms(store_.clock().now_ms());
  for (const auto& shard : stream->shards()) {
    uint64_t position = 0;
    if (c->starting_position == "LATEST")
      position = shard->latest();
    else if (c->starting_position == "AT_TIMESTAMP")
      position = shard->at_timestamp(c->starting_position_timestamp_ms.value_or(0), visible);
    else
      position = shard->trim_horizon(visible);
    start[shard->id()] = position;
    // Saved now: LATEST means the tip at creation, not at a later restart.
    checkpoint(*stream, shard->id(), position, false);
  }
  follow(std::move(stream), std::move(start));
}

void EventSourceMapping::checkpoint(const log::Stream& stream, const std::string& shard_id,
                                    uint64_t position, bool done) {
  if (!journal_) return;
  try {
    journal_->save(uuid_, stream.identity().id, shard_id, position, done);
  } catch (const std::exception& e) {
    // Not fatal: after a restart the batch is delivered again (at least once).
    spdlog::error("mapping {}: cannot save the checkpoint of {}: {}", uuid_, shard_id, e.what());
  }
}

void EventSourceMapping::follow(std::shared_ptr<log::Stream> stream,
                                std::map<std::string, uint64_t> start, std::set<std::string> done) {
  {
    base::MutexLock lock(mu_);
    if (stopped_) return;
    stream_ = stream;
    problem_.clear();
  }
  auto follower = log::StreamFollower::follow(
      store_, stream, std::move(start), std::move(done),
      [this, stream](std::shared_ptr<log::Shard> shard, uint64_t position) {
        start_poller(stream, std::move(shard), position);
      });
  {
    base::MutexLock lock(mu_);
    if (stream_ != stream || stopped_) return;  // replaced or stopped meanwhile
    follower_ = follower;
  }
  follower->start();
}

void EventSourceMapping::unfollow() {
  std::shared_ptr<log::StreamFollower> follower;
  {
    base::MutexLock lock(mu_);
    follower = std::move(follower_);
  }
  if (follower) follower->stop();  // no poller starts after this
  base::MutexLock lock(mu_);
  for (auto& [id, poller] : pollers_) {
    poller->request_stop();
    retired_.push_back(std::move(poller));
  }
  pollers_.clear();
}

void EventSourceMapping::start_poller(const std::shared_ptr<log::Stream>& stream,
                                      std::shared_ptr<log::Shard> shard, uint64_t position) {
  base::MutexLock lock(mu_);
  if (stopped_ || stream != stream_ || pollers_.count(shard->id())) return;
  auto poller = std::make_unique<ShardPoller>(*this, stream, shard, position);
  poller->start();
  spdlog::info("mapping {}: polling {} of {} from position {}", uuid_, shard->id(), stream->name(),
               position);
  pollers_.emplace(shard->id(), std::move(poller));
}

void EventSourceMapping::shard_done(const std::string& shard_id) {
  std::shared_ptr<log::StreamFollower> follower;
  {
    base::MutexLock lock(mu_);
    follower = follower_;
  }
  if (follower) follower->done(shard_id);
}

bool EventSourceMapping::consumer_present(const log::Stream& stream, const MappingConfig& c) const {
  if (c.consumer_name.empty()) return true;
  const auto consumer = stream.consumer(c.consumer_name, store_.clock().now_ms());
  return consumer && consumer->arn == c.event_source_arn && !consumer->deleting_at_ms;
}

void EventSourceMapping::lose_source(const MappingConfig& c) {
  {
    base::MutexLock lock(mu_);
    if (source_gone_) return;
    source_gone_ = true;
    problem_ = "PROBLEM: The stream consumer " + c.event_source_arn +
               " is not registered (deregistered?): the mapping is disabled.";
    spdlog::warn("mapping {}: {}", uuid_, problem_);
  }
  unfollow();
}

bool EventSourceMapping::source_gone() const {
  base::MutexLock lock(mu_);
  return source_gone_;
}

void EventSourceMapping::on_edit(const std::shared_ptr<log::Stream>& stream,
                                 const log::StreamEdit& edit) {
  const auto c = config();
  if (stream->account() != c->stream_account || stream->region() != c->stream_region ||
      stream->name() != c->stream_name)
    return;
  if (edit.consumer_deregistered && edit.consumer_deregistered->name == c->consumer_name) {
    {
      base::MutexLock lock(mu_);
      if (stream != stream_) return;
    }
    lose_source(*c);
    return;
  }
  if (!edit.created && !edit.deletion) return;
  if (edit.deletion) {
    {
      base::MutexLock lock(mu_);
      if (stream != stream_) return;
      if (problem_.empty()) spdlog::warn("mapping {}: stream {} is gone", uuid_, c->stream_name);
      problem_ = "PROBLEM: Stream not found.";
      stream_.reset();
    }
    unfollow();
    return;
  }
  // The stream was created again: a new stream, read from its start (not
  // through a consumer of the old one).
  unfollow();
  if (!consumer_present(*stream, *c)) {
    lose_source(*c);
    return;
  }
  follow(stream, {});
}

void EventSourceMapping::request_stop() {
  {
    base::MutexLock lock(mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  store_.remove_listener(store_listener_);
  unfollow();
}

void EventSourceMapping::join() {
  std::vector<std::unique_ptr<ShardPoller>> pollers;
  {
    base::MutexLock lock(mu_);
    pollers = std::move(retired_);
    retired_.clear();
    for (auto& [id, poller] : pollers_) pollers.push_back(std::move(poller));
    pollers_.clear();
  }
  pollers.clear();  // each joins its thread
}

void EventSourceMapping::update(MappingConfig next, handler::Registered handler) {
  base::MutexLock lock(mu_);
  config_ = std::make_shared<const MappingConfig>(std::move(next));
  handler_ = std::move(handler);
  function_arn_ = poller::function_arn(region_, account_, handler_.handler->name());
  last_modified_ms_ = store_.clock().now_ms();
  for (auto& [id, poller] : pollers_) poller->wake();
}

void EventSourceMapping::retag(std::map<std::string, std::string> tags) {
  base::MutexLock lock(mu_);
  auto next = std::make_shared<MappingConfig>(*config_);
  next->tags = std::move(tags);
  config_ = std::move(next);
}

std::vector<ShardStatus> EventSourceMapping::shard_status() const {
  base::MutexLock lock(mu_);
  std::vector<ShardStatus> out;
  for (const auto& [id, poller] : pollers_) out.push_back(poller->status());
  return out;
}

EventSourceMapping::Status EventSourceMapping::status() const {
  base::MutexLock lock(mu_);
  Status s;
  s.config = config_;
  s.function_arn = function_arn_;
  s.last_modified_ms = last_modified_ms_;
  s.problem = problem_;
  s.source_gone = source_gone_;
  s.processed_any = processed_any_;
  for (const auto& [id, poller] : pollers_) s.shards.push_back(poller->status());
  return s;
}

}  // namespace kinesisd::poller
