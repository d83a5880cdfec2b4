// Group commit for --durability fsync: writers mark the files they wrote as
// dirty and get a generation; one thread syncs every dirty file
// (fdatasync(2), several at once on helper threads) in a round and then calls
// back everyone waiting for a generation that round covers. A request that
// waits at that moment shares the round with every other, so a burst of
// puts costs one sync per file, not one per put.
//
// Thread-safe. Callbacks run on the sync thread and must be quick (they post
// to the requests' executors).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <set>
#include <thread>
#include <vector>

#include "base/mutex.hpp"

namespace kinesisd::storage {

class SyncGroup {
 public:
  SyncGroup();
  ~SyncGroup();  // syncs what is dirty, calls back, stops the thread
  SyncGroup(const SyncGroup&) = delete;
  SyncGroup& operator=(const SyncGroup&) = delete;

  // `fd` has writes to sync; the generation a waiter asks for to cover them.
  uint64_t dirty(int fd);
  // A file about to be closed: it is synced first (waiting for a round that
  // syncs it right now), and leaves the group.
  void retire(int fd);
  // Calls `done` once every write marked up to `generation` is on stable storage.
  void when_synced(uint64_t generation, std::function<void()> done);

  // Rounds done, for tests and metrics.
  uint64_t rounds() const;

 private:
  void run();
  void help();
  // Syncs the files of this round, `kHelpers` at a time.
  void sync_all(const std::vector<int>& files);

  mutable base::Mutex mu_;
  std::condition_variable cv_;
  std::set<int> dirty_ GUARDED_BY(mu_);
  std::set<int> syncing_ GUARDED_BY(mu_);    // this round's
  uint64_t generation_ GUARDED_BY(mu_) = 0;  // last handed out
  uint64_t synced_ GUARDED_BY(mu_) = 0;
  std::vector<std::pair<uint64_t, std::function<void()>>> waiters_ GUARDED_BY(mu_);
  uint64_t rounds_ GUARDED_BY(mu_) = 0;
  bool stop_ GUARDED_BY(mu_) = false;
  std::thread thread_;

  // Helpers take files of a round from `work_` and count them done.
  static constexpr size_t kHelpers = 3;
  base::Mutex work_mu_;
  std::condition_variable work_cv_, done_cv_;
  std::vector<int> work_ GUARDED_BY(work_mu_);
  size_t pending_ GUARDED_BY(work_mu_) = 0;  // files of the round not yet synced
  bool helpers_stop_ GUARDED_BY(work_mu_) = false;
  std::vector<std::thread> helpers_;
};

}  // namespace kinesisd::storage
