#include "kinesis/log/stream_follower.hpp"

#include <vector>

namespace kinesisd::log {

StreamFollower::StreamFollower(StreamStore& store, std::shared_ptr<Stream> stream,
                               std::map<std::string, uint64_t> start, std::set<std::string> done,
                               Ready ready)
    : store_(store),
      stream_(std::move(stream)),
      ready_(std::move(ready)),
      start_(std::move(start)),
      handed_(done),
      done_(std::move(done)) {}

std::shared_ptr<StreamFollower> StreamFollower::follow(StreamStore& store,
                                                       std::shared_ptr<Stream> stream,
                                                       std::map<std::string, uint64_t> start,
                                                       std::set<std::string> done, Ready ready) {
  std::shared_ptr<StreamFollower> follower(new StreamFollower(
      store, std::move(stream), std::move(start), std::move(done), std::move(ready)));
  // The store may call a listener after it was removed: it holds the follower
  // weakly and checks it is still there.
  follower->listener_ =
      store.add_listener([weak = std::weak_ptr<StreamFollower>(follower)](
                             const std::shared_ptr<Stream>& s, const StreamEdit& e) {
        auto self = weak.lock();
        if (self && s == self->stream_ && e.reshard) self->advance();
      });
  return follower;
}

void StreamFollower::start() {
  {
    base::MutexLock lock(mu_);
    started_ = true;
  }
  // After the listener is in place: a reshard in between is seen either way.
  advance();
}

StreamFollower::~StreamFollower() { store_.remove_listener(listener_); }

void StreamFollower::done(const std::string& shard_id) {
  {
    base::MutexLock lock(mu_);
    done_.insert(shard_id);
  }
  advance();
}

void StreamFollower::stop() {
  base::MutexLock lock(ready_mu_);
  stopped_ = true;
}

void StreamFollower::advance() {
  base::MutexLock callbacks(ready_mu_);
  if (stopped_) return;
  std::vector<std::pair<std::shared_ptr<Shard>, uint64_t>> ready;
  {
    base::MutexLock lock(mu_);
    if (!started_) return;
    const int64_t visible = stream_->visible_from_ms(store_.clock().now_ms());
    for (const auto& shard : stream_->shards()) {
      if (handed_.count(shard->id())) continue;
      bool parents_done = true;
      for (const auto* parent : {&shard->parent(), &shard->adjacent_parent()})
        if (*parent && stream_->find_shard(**parent) && !done_.count(**parent))
          parents_done = false;
      if (!parents_done) continue;
      uint64_t position = 0;
      if (auto it = start_.find(shard->id()); it != start_.end())
        position = it->second;
      else
        position = shard->trim_horizon(visible);
      handed_.insert(shard->id());
      ready.emplace_back(shard, position);
    }
  }
  for (auto& [shard, position] : ready) ready_(std::move(shard), position);
}

}  // namespace kinesisd::log
