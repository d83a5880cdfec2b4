// Runs functions after a delay, on one thread of its own: how an injected
// latency holds an answer back without holding the connection's thread.
//
// Thread-safe. The destructor drops what has not run yet.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

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

  std::mutex mu_;
  std::condition_variable cv_;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> items_;  // guarded by mu_
  uint64_t next_order_ = 0;                                             // guarded by mu_
  bool stopping_ = false;                                               // guarded by mu_
  std::thread thread_;
};

}  // namespace kinesisd::faults
