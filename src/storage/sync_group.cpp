#include "storage/sync_group.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kinesisd::storage {

SyncGroup::SyncGroup() {
  for (size_t i = 0; i < kHelpers; ++i) helpers_.emplace_back([this] { help(); });
  thread_ = std::thread([this] { run(); });
}

SyncGroup::~SyncGroup() {
  {
    base::MutexLock lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  {
    base::MutexLock lock(work_mu_);
    helpers_stop_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : helpers_) t.join();
}

void SyncGroup::help() {
  base::UniqueLock lock(work_mu_);
  for (;;) {
    work_cv_.wait(lock.native(),
                  [&]() REQUIRES(work_mu_) { return helpers_stop_ || !work_.empty(); });
    if (work_.empty()) return;
    const int fd = work_.back();
    work_.pop_back();
    lock.unlock();
    if (::fdatasync(fd) != 0) spdlog::error("fdatasync: {}", std::strerror(errno));
    lock.lock();
    if (--pending_ == 0) done_cv_.notify_all();
  }
}

void SyncGroup::sync_all(const std::vector<int>& files) {
  if (files.size() == 1) {
    if (::fdatasync(files[0]) != 0) spdlog::error("fdatasync: {}", std::strerror(errno));
    return;
  }
  base::UniqueLock lock(work_mu_);
  work_ = files;
  pending_ = files.size();
  work_cv_.notify_all();
  done_cv_.wait(lock.native(), [&]() REQUIRES(work_mu_) { return pending_ == 0; });
}

uint64_t SyncGroup::dirty(int fd) {
  base::MutexLock lock(mu_);
  dirty_.insert(fd);
  return ++generation_;
}

void SyncGroup::retire(int fd) {
  base::UniqueLock lock(mu_);
  cv_.wait(lock.native(), [&]() REQUIRES(mu_) { return !syncing_.count(fd); });
  if (dirty_.erase(fd) && ::fdatasync(fd) != 0)
    spdlog::error("fdatasync: {}", std::strerror(errno));
}

void SyncGroup::when_synced(uint64_t generation, std::function<void()> done) {
  {
    base::MutexLock lock(mu_);
    if (generation > synced_) {
      waiters_.emplace_back(generation, std::move(done));
      cv_.notify_all();
      return;
    }
  }
  done();
}

uint64_t SyncGroup::rounds() const {
  base::MutexLock lock(mu_);
  return rounds_;
}

void SyncGroup::run() {
  base::UniqueLock lock(mu_);
  for (;;) {
    cv_.wait(lock.native(), [&]() REQUIRES(mu_) { return stop_ || !waiters_.empty(); });
    if (waiters_.empty() && stop_) return;
    // Everything marked so far is covered by this round.
    const uint64_t covered = generation_;
    syncing_.swap(dirty_);
    const std::vector<int> files(syncing_.begin(), syncing_.end());
    lock.unlock();
    if (!files.empty()) sync_all(files);
    lock.lock();
    syncing_.clear();
    cv_.notify_all();  // retire() waits for the round to let go of its files
    ++rounds_;
    synced_ = std::max(synced_, covered);
    std::vector<std::function<void()>> ready;
    std::erase_if(waiters_, [&](auto& w) REQUIRES(mu_) {
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
