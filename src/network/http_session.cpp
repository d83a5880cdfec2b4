#include "network/http_session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_suffix.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/read_size.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <cstddef>
#include <memory_resource>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "network/http1_request.hpp"
#include "network/http1_response.hpp"
#include "network/http_date.hpp"
#include "network/waker.hpp"
#include "protocol/streamed_body.hpp"

namespace kinesisd::network {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// How often a streaming response looks at the server's stopping flag.
constexpr auto kStopCheck = std::chrono::milliseconds(250);
constexpr auto kStreamWriteTimeout = std::chrono::seconds(30);

// Sends an event-stream response as HTTP/1.1 chunks: the header, then each
// poll()'s bytes as one chunk, then the last chunk. The connection closes
// afterwards.
template <class Stream>
asio::awaitable<void> stream_events(Stream& stream, protocol::ApiResponse&& api, unsigned version,
                                    SessionRegistry& registry) {
  auto source = std::move(api.streamed);
  http::response<http::empty_body> res{static_cast<http::status>(api.status), version};
  for (auto& [name, value] : api.headers) res.set(name, value);
  res.set(http::field::content_type, api.content_type);
  res.set(http::field::date, http_date());
  res.chunked(true);
  res.keep_alive(false);
  http::response_serializer<http::empty_body> serializer{res};
  beast::get_lowest_layer(stream).expires_after(kStreamWriteTimeout);
  auto [hec, hn] = co_await http::async_write_header(stream, serializer, use_tuple);
  if (hec) {
    source->close();
    co_return;
  }

  auto waker = std::make_shared<Waker>(stream.get_executor());
  source->set_waker(Waker::from_any_thread(waker));

  for (;;) {
    waker->pending.store(false, std::memory_order_release);
    auto next = source->poll();
    if (!next.bytes.empty()) {
      beast::get_lowest_layer(stream).expires_after(kStreamWriteTimeout);
      auto [wec, n] =
          co_await asio::async_write(stream, http::make_chunk(asio::buffer(next.bytes)), use_tuple);
      if (wec) break;
    }
    if (next.finished) {
      beast::get_lowest_layer(stream).expires_after(kStreamWriteTimeout);
      co_await asio::async_write(stream, http::make_chunk_last(), use_tuple);
      break;
    }
    if (registry.stopping()) break;
    if (waker->pending.load(std::memory_order_acquire)) continue;
    beast::get_lowest_layer(stream).expires_never();
    waker->timer.expires_at(
        std::min(next.wake_at, protocol::StreamedBody::Clock::now() + kStopCheck));
    co_await waker->timer.async_wait(use_tuple);
  }
  source->close();
}

// Waits (without holding the thread) until the response may be sent.
asio::awaitable<void> until_ready(asio::any_io_executor executor,
                                  std::function<void(std::function<void()>)> when_ready) {
  auto waker = std::make_shared<Waker>(executor);
  waker->timer.expires_at(asio::steady_timer::time_point::max());
  when_ready(Waker::from_any_thread(waker));
  // The wake posts its cancel to this executor: it cannot land between the
  // check and the wait.
  if (!waker->pending.load(std::memory_order_acquire)) co_await waker->timer.async_wait(use_tuple);
}

// Marks the session busy for the lifetime of one request.
struct BusyScope {
  SessionHandle& h;
  explicit BusyScope(SessionHandle& handle) : h(handle) { h.idle = false; }
  ~BusyScope() { h.idle = true; }
};

// Sends what the socket takes at once, without waiting: an answer usually
// fits the socket's buffer, and then no completion goes through the
// scheduler (async_write posts one even when it wrote everything at once).
// Over TLS, nothing (the records must go through the stream's engine).
template <class Stream, class Buffers>
size_t write_now(Stream&, const Buffers&) {
  return 0;
}

template <class Buffers>
size_t write_now(beast::tcp_stream& stream, const Buffers& buffers) {
  auto& socket = stream.socket();
  beast::error_code ec;
  if (!socket.non_blocking()) socket.non_blocking(true, ec);
  if (ec) return 0;
  const size_t n = socket.write_some(buffers, ec);
  return ec ? 0 : n;  // would_block, or an error async_write will meet again
}

// Reads one request into `parser`: what is buffered is parsed in place, and
// the socket is read only when the parser needs more. (Beast's async_read
// posts its completion even when the buffer held the whole request: two
// extra trips through the scheduler, each an epoll_wait, per request.)
// `header_done` runs once the header is complete. Returns the parser's or
// the socket's error; http::error::end_of_stream when the peer closed
// before a request began.
template <class Stream, class OnHeader>
asio::awaitable<beast::error_code> read_request(Stream& stream, beast::flat_buffer& buffer,
                                                Http1Parser& parser, const SessionLimits& limits,
                                                OnHeader header_done) {
  constexpr size_t kReadSize = 65536;
  bool header = false;
  for (;;) {
    if (buffer.size() > 0) {
      beast::error_code ec;
      const size_t used = parser.put(buffer.data(), ec);
      buffer.consume(used);
      if (ec && ec != http::error::need_more) co_return ec;
      if (!header && parser.is_header_done()) {
        header = true;
        header_done();
        beast::get_lowest_layer(stream).expires_after(limits.idle_timeout);
      }
      if (parser.is_done()) co_return beast::error_code{};
      if (!ec && used > 0) continue;  // more of the buffer may parse now
    }
    auto [ec, n] = co_await stream.async_read_some(
        buffer.prepare(beast::read_size(buffer, kReadSize)), use_tuple);
    if (ec == asio::error::eof) {
      if (parser.got_some() || buffer.size() > 0) co_return http::error::partial_message;
      co_return http::error::end_of_stream;
    }
    if (ec) co_return ec;
    buffer.commit(n);
  }
}

}  // namespace

template <class Stream>
asio::awaitable<void> run_http_session(Stream& stream, beast::flat_buffer& buffer,
                                       const protocol::Service& service, SessionLimits limits,
                                       SessionRegistry& registry) {
  SessionHandle handle{&beast::get_lowest_layer(stream)};
  registry.add(&handle);
  const Peer peer = peer_of(stream);
  // Each request's header fields (http1_request.hpp); 2 KiB holds a signed
  // SDK call's, more comes from the heap.
  std::array<std::byte, 2048> field_space;
  std::pmr::monotonic_buffer_resource fields(field_space.data(), field_space.size());
  for (;;) {
    if (registry.stopping()) break;
    fields.release();  // the previous request, and its parser, are gone
    Http1Parser parser = parser_in(fields);
    parser.body_limit(limits.body_limit);
    parser.header_limit(limits.header_limit);
    parser.eager(true);  // the body parses in the same put() as the header
    // Silent between requests for up to idle_timeout; from the first byte, the
    // header must be complete within header_timeout.
    if (buffer.size() == 0) {
      beast::get_lowest_layer(stream).expires_after(limits.idle_timeout);
      auto [first_ec, n] = co_await stream.async_read_some(buffer.prepare(4096), use_tuple);
      if (first_ec) break;
      buffer.commit(n);
    }
    beast::get_lowest_layer(stream).expires_after(limits.header_timeout);
    // Past the header of a request: it is in flight and will be answered.
    std::optional<BusyScope> busy;
    auto ec = co_await read_request(stream, buffer, parser, limits, [&] { busy.emplace(handle); });
    if (busy || ec == http::error::body_limit) {
      if (!busy) busy.emplace(handle);
      if (ec == http::error::body_limit) {
        // Content-Length (or the chunks so far) exceeds the limit.
        http::response<http::string_body> res{http::status::payload_too_large, 11};
        res.set(http::field::date, http_date());
        res.keep_alive(false);
        res.prepare_payload();
        co_await http::async_write(stream, res, use_tuple);
        break;
      }
      if (ec) break;
      const auto& req = parser.get();
      const bool keep_alive = req.keep_alive() && !registry.stopping();
      auto api = service.handle(to_api(req, peer));
      if (api.when_ready) co_await until_ready(stream.get_executor(), std::move(api.when_ready));
      if (api.finish) std::exchange(api.finish, nullptr)(api);
      if (api.drop) break;
      if (api.streamed) {
        co_await stream_events(stream, std::move(api), req.version(), registry);
        break;
      }
      const std::string head = response_head(api, req.version(), keep_alive);
      const std::array<asio::const_buffer, 2> answer{asio::buffer(head), asio::buffer(api.body)};
      beast::buffers_suffix<std::array<asio::const_buffer, 2>> rest(answer);
      rest.consume(write_now(stream, answer));
      if (beast::buffer_bytes(rest) > 0) {
        auto [wec, written] = co_await asio::async_write(stream, rest, use_tuple);
        if (wec) break;
      }
      if (!keep_alive) break;
      continue;
    }
    if (ec == http::error::header_limit) {
      http::response<http::string_body> res{http::status::request_header_fields_too_large, 11};
      res.keep_alive(false);
      res.prepare_payload();
      co_await http::async_write(stream, res, use_tuple);
    } else if (ec != http::error::end_of_stream && ec != asio::error::operation_aborted &&
               ec != beast::error::timeout && ec != asio::error::connection_reset) {
      spdlog::debug("closing connection: {}", ec.message());
    }
    break;
  }
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  registry.remove(&handle);
}

template asio::awaitable<void> run_http_session(beast::tcp_stream&, beast::flat_buffer&,
                                                const protocol::Service&, SessionLimits,
                                                SessionRegistry&);
template asio::awaitable<void> run_http_session(beast::ssl_stream<beast::tcp_stream>&,
                                                beast::flat_buffer&, const protocol::Service&,
                                                SessionLimits, SessionRegistry&);

}  // namespace kinesisd::network
