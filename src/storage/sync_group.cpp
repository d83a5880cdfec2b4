#include "storage/sync_group.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kinesisd::storage {

SyncGroup::SyncGroup() : thread_([this] { run(); }) {}

SyncGroup::~SyncGroup() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

uint64_t SyncGroup::dirty(int fd) {
  std::lock_guard lock(mu_);
  dirty_.insert(fd);
  return ++generation_;
}

void SyncGroup::retire(int fd) {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !syncing_.count(fd); });
  if (dirty_.erase(fd) && ::fdatasync(fd) != 0)
    spdlog::error("fdatasync: {}", std::strerror(errno));
}

void SyncGroup::when_synced(uint64_t generation, std::function<void()> done) {
  {
    std::lock_guard lock(mu_);
    if (generation > synced_) {
      waiters_.emplace_back(generation, std::move(done));
      cv_.notify_all();
      return;
    }
  }
  done();
}

uint64_t SyncGroup::rounds() const {
  std::lock_guard lock(mu_);
  return rounds_;
}

void SyncGroup::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || !waiters_.empty(); });
    if (waiters_.empty() && stop_) return;
    // Everything marked so far is covered by this round.
    const uint64_t covered = generation_;
    syncing_.swap(dirty_);
    lock.unlock();
    for (int fd : syncing_)  // only this thread changes syncing_ while unlocked
      if (::fdatasync(fd) != 0) spdlog::error("fdatasync: {}", std::strerror(errno));
    lock.lock();
    syncing_.clear();
    cv_.notify_all();  // retire() waits for the round to let go of its files
    ++rounds_;
    synced_ = std::max(synced_, covered);
    std::vector<std::function<void()>> ready;
    std::erase_if(waiters_, [&](auto& w) {
      if (w.first > synced_) return false;
      ready.push_back(std::move(w.second));
      return true;
    });
    lock.unlock();
    for (auto& done : ready) done();
    lock.lock();
  }
}

}  // namespace kinesisd::storage
