#include "faults/delay_queue.hpp"

namespace kinesisd::faults {

DelayQueue::DelayQueue() : thread_([this] { run(); }) {}

DelayQueue::~DelayQueue() {
  {
    base::MutexLock lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void DelayQueue::after(int64_t delay_ms, std::function<void()> fn) {
  {
    base::MutexLock lock(mu_);
    items_.push(
        Item{Clock::now() + std::chrono::milliseconds(delay_ms), next_order_++, std::move(fn)});
  }
  cv_.notify_all();
}

void DelayQueue::run() {
  base::UniqueLock lock(mu_);
  while (!stopping_) {
    if (items_.empty()) {
      cv_.wait(lock.native());
      continue;
    }
    if (Clock::now() < items_.top().at) {
      cv_.wait_until(lock.native(), items_.top().at);
      continue;
    }
    auto fn = items_.top().fn;
    items_.pop();
    lock.unlock();
    fn();
    lock.lock();
  }
}

}  // namespace kinesisd::faults
