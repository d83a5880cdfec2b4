// The live connections, so a graceful stop can close the idle ones at once
// and let the busy ones finish the request in flight.
//
// Locking: mu_ guards sessions_. A session's socket is only touched on the
// session's own strand (cancel is posted there).
#pragma once

#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <unordered_set>

#include "base/mutex.hpp"

namespace kinesisd::network {

struct SessionHandle {
  boost::beast::tcp_stream* stream;
  std::atomic<bool> idle{true};  // waiting for the next request
};

class SessionRegistry {
 public:
  void add(SessionHandle* s) {
    base::MutexLock lock(mu_);
    sessions_.insert(s);
  }
  void remove(SessionHandle* s) {
    base::MutexLock lock(mu_);
    sessions_.erase(s);
  }
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

  // Sets stopping, then cancels every idle session's pending read on its own
  // strand; busy sessions see stopping() after their response and close.
  void stop() {
    stopping_.store(true, std::memory_order_release);
    base::MutexLock lock(mu_);
    for (SessionHandle* s : sessions_) {
      auto* stream = s->stream;
      boost::asio::post(stream->get_executor(), [this, s, stream] {
        base::MutexLock inner(mu_);
        if (sessions_.count(s) && s->idle.load()) stream->socket().cancel();
      });
    }
  }

 private:
  base::Mutex mu_;
  std::unordered_set<SessionHandle*> sessions_;
  std::atomic<bool> stopping_{false};
};

}  // namespace kinesisd::network
