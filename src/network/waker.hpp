// Wakes a session's writer, which waits on `timer` between polls of an event
// source. `pending` closes the gap between a poll that found nothing and the
// wait: a wake that lands while the writer is busy is seen before it waits.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>

namespace kinesisd::network {

struct Waker {
  boost::asio::steady_timer timer;
  std::atomic<bool> pending{false};
  explicit Waker(boost::asio::any_io_executor ex) : timer(std::move(ex)) {}

  // On the session's own executor.
  void wake_here() {
    pending.store(true, std::memory_order_release);
    timer.cancel();
  }

  // A wake callable from any thread (event sources call it on appends): the
  // cancel is posted to the session's executor; a gone session is ignored.
  static std::function<void()> from_any_thread(const std::shared_ptr<Waker>& waker) {
    return [weak = std::weak_ptr<Waker>(waker), ex = waker->timer.get_executor()] {
      auto w = weak.lock();
      if (!w) return;
      w->pending.store(true, std::memory_order_release);
      boost::asio::post(ex, [weak] {
        if (auto w = weak.lock()) w->timer.cancel();
      });
    };
  }
};

}  // namespace kinesisd::network
