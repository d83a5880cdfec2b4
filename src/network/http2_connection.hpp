// One HTTP/2 connection's protocol state (libnghttp2), without I/O: bytes go
// in through receive(), frames come out of produce(). Each request stream's
// headers and body are collected, handed to the same Service the HTTP/1.1
// session uses, and answered as HEADERS + DATA. A streamed response
// (SubscribeToShard) pulls its StreamedBody into DATA frames as the source
// produces; the stream ends when the source finishes, and a client reset or
// a closed connection closes the source.
//
// Not thread-safe: every call is made on the session's own executor, except
// the wake function given to event sources, which only calls `wake`.
#pragma once

#include <nghttp2/nghttp2.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "network/peer.hpp"
#include "network/session_limits.hpp"
#include "protocol/api.hpp"
#include "protocol/streamed_body.hpp"

namespace kinesisd::network {

class Http2Connection {
 public:
  using Clock = protocol::StreamedBody::Clock;

  // `wake` asks the I/O loop to call produce() soon; it may be called from
  // any thread (event sources call it when records arrive).
  Http2Connection(const protocol::Service& service, SessionLimits limits,
                  std::function<void()> wake, Peer peer = {});
  ~Http2Connection();
  Http2Connection(const Http2Connection&) = delete;
  Http2Connection& operator=(const Http2Connection&) = delete;

  // Feeds bytes from the peer. False on a connection error: a GOAWAY is then
  // queued and the connection should end once produce() has nothing left.
  bool receive(std::string_view bytes);

  // Appends frames to send to `out` (stops once it holds `max` bytes),
  // polling event sources that were woken or are due first.
  void produce(std::string& out, size_t max);

  bool wants_read() const;
  bool wants_write() const;
  // Request streams not yet answered and closed.
  size_t open_streams() const { return streams_.size(); }
  bool has_event_streams() const;
  // A response asked for the connection to be dropped (ApiResponse::drop):
  // it ends at once, nothing more is sent.
  bool dropped() const { return dropped_; }
  // The earliest time an event source asked to be polled again.
  Clock::time_point next_poll() const;

  // A graceful end: event streams finish, no new streams are accepted, and
  // a GOAWAY is sent once open requests are answered.
  void shutdown();

 private:
  struct Stream;
  static int on_begin_headers(nghttp2_session*, const nghttp2_frame*, void*);
  static int on_header(nghttp2_session*, const nghttp2_frame*, const uint8_t*, size_t,
                       const uint8_t*, size_t, uint8_t, void*);
  static int on_data_chunk(nghttp2_session*, uint8_t, int32_t, const uint8_t*, size_t, void*);
  static int on_frame_recv(nghttp2_session*, const nghttp2_frame*, void*);
  static int on_stream_close(nghttp2_session*, int32_t, uint32_t, void*);
  static ssize_t read_body(nghttp2_session*, int32_t, uint8_t*, size_t, uint32_t*,
                           nghttp2_data_source*, void*);

  void dispatch(Stream& stream);
  void submit(Stream& stream, protocol::ApiResponse&& response);
  void poll_sources(bool woken);

  const protocol::Service& service_;
  SessionLimits limits_;
  Peer peer_;
  std::function<void()> wake_;
  // Set by event sources from any thread; read by produce().
  std::shared_ptr<std::atomic<bool>> woken_;
  nghttp2_session* session_ = nullptr;
  std::map<int32_t, std::unique_ptr<Stream>> streams_;
  uint64_t buffered_body_bytes_ = 0;  // sum of the streams' request bodies
  bool shutting_down_ = false;
  bool terminated_ = false;
  bool dropped_ = false;
};

}  // namespace kinesisd::network
