// Runs functions after a delay, on one thread of its own: how an injected
// latency holds an answer back without holding the connection's thread.
//
// Thread-safe. The destructor drops what has not run yet.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <queue>
#include <thread>
#include <vector>

#include "base/mutex.hpp"

namespace kinesisd::faults {

class DelayQueue {
 public:
  DelayQueue();
  ~DelayQueue();
  DelayQueue(const DelayQueue&) = delete;
  DelayQueue& operator=(const DelayQueue&) = delete;

  void after(int64_t delay_ms, std::function<void()> fn);

 private:
  using Clock = std::chrono::steady_clock;
  struct Item {
    Clock::time_point at;
    uint64_t order;
    std::function<void()> fn;
    bool operator>(const Item& o) const { return at != o.at ? at > o.at : order > o.order; }
  };
  void run();

  base::Mutex mu_;
  std::condition_variable cv_;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> items_ GUARDED_BY(mu_);
  uint64_t next_order_ GUARDED_BY(mu_) = 0;
  bool stopping_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace kinesisd::faults
