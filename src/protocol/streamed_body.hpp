// A response body produced over time: a stream of event-stream messages
// (SubscribeToShard). The transport pulls from it: it calls poll() when woken
// or when wake_at passes, writes the bytes in its own framing (HTTP/1.1
// chunks, HTTP/2 DATA frames), and calls close() once, when the body finishes
// or the client goes away. The body never touches the connection itself.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace kinesisd::protocol {

class StreamedBody {
 public:
  using Clock = std::chrono::steady_clock;
  struct Next {
    std::string bytes;          // encoded messages to send now; may be empty
    bool finished = false;      // nothing follows `bytes`
    Clock::time_point wake_at;  // poll again by then even if not woken
  };

  virtual ~StreamedBody() = default;
  virtual Next poll() = 0;
  // `wake` may be called from any thread, any number of times, until close()
  // returns; it only asks the transport to poll() again soon.
  virtual void set_waker(std::function<void()> wake) = 0;
  virtual void close() = 0;
};

}  // namespace kinesisd::protocol
