#include "network/http2_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "network/http2_connection.hpp"
#include "network/waker.hpp"

namespace kinesisd::network {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using namespace asio::experimental::awaitable_operators;
using Clock = Http2Connection::Clock;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

constexpr auto kStopCheck = std::chrono::milliseconds(250);
constexpr auto kWriteTimeout = std::chrono::seconds(30);
constexpr size_t kWriteChunk = 256 * 1024;

struct State {
  Http2Connection& conn;
  Waker& waker;
  SessionHandle& handle;
  bool reader_done = false;
  Clock::time_point last_read = Clock::now();
};

template <class Stream>
asio::awaitable<void> read_loop(Stream& stream, State& st) {
  std::array<char, 16 * 1024> buf;
  for (;;) {
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(buf), use_tuple);
    if (ec) break;
    st.last_read = Clock::now();
    const bool ok = st.conn.receive(std::string_view(buf.data(), n));
    st.handle.idle = st.conn.open_streams() == 0;
    st.waker.wake_here();
    if (!ok) break;
  }
  st.reader_done = true;
  st.waker.wake_here();
}

template <class Stream>
asio::awaitable<void> write_loop(Stream& stream, State& st, SessionLimits limits,
                                 SessionRegistry& registry) {
  auto& lowest = beast::get_lowest_layer(stream);
  std::string out;
  for (;;) {
    st.waker.pending.store(false, std::memory_order_release);
    if (registry.stopping()) st.conn.shutdown();
    out.clear();
    st.conn.produce(out, kWriteChunk);
    if (st.conn.dropped()) break;
    st.handle.idle = st.conn.open_streams() == 0;
    if (!out.empty()) {
      lowest.expires_after(kWriteTimeout);
      auto [ec, n] = co_await asio::async_write(stream, asio::buffer(out), use_tuple);
      lowest.expires_never();
      if (ec) break;
      continue;
    }
    if (st.reader_done) break;
    if (!st.conn.wants_read() && !st.conn.wants_write()) break;
    const auto now = Clock::now();
    if (st.conn.open_streams() == 0 && now - st.last_read >= limits.idle_timeout) {
      st.conn.shutdown();  // GOAWAY, then close
      continue;
    }
    if (st.waker.pending.load(std::memory_order_acquire)) continue;
    auto wake_at = std::min(st.conn.next_poll(), now + kStopCheck);
    st.waker.timer.expires_at(wake_at);
    co_await st.waker.timer.async_wait(use_tuple);
  }
  // Ends the reader too: its pending read fails once the socket is shut.
  beast::error_code ignored;
  lowest.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  lowest.socket().cancel(ignored);
}

}  // namespace

template <class Stream>
asio::awaitable<void> run_http2_session(Stream& stream, beast::flat_buffer& buffer,
                                        const protocol::Service& service, SessionLimits limits,
                                        SessionRegistry& registry) {
  SessionHandle handle{&beast::get_lowest_layer(stream)};
  registry.add(&handle);
  auto waker = std::make_shared<Waker>(stream.get_executor());
  {
    Http2Connection conn(service, limits, Waker::from_any_thread(waker), peer_of(stream));
    beast::get_lowest_layer(stream).expires_never();
    State st{conn, *waker, handle};
    const auto first = buffer.data();
    const bool ok =
        conn.receive(std::string_view(static_cast<const char*>(first.data()), first.size()));
    buffer.consume(buffer.size());
    if (ok) {
      co_await (read_loop(stream, st) && write_loop(stream, st, limits, registry));
    } else {
      st.reader_done = true;
      co_await write_loop(stream, st, limits, registry);
    }
  }
  registry.remove(&handle);
}

template asio::awaitable<void> run_http2_session(beast::tcp_stream&, beast::flat_buffer&,
                                                 const protocol::Service&, SessionLimits,
                                                 SessionRegistry&);
template asio::awaitable<void> run_http2_session(beast::ssl_stream<beast::tcp_stream>&,
                                                 beast::flat_buffer&, const protocol::Service&,
                                                 SessionLimits, SessionRegistry&);

}  // namespace kinesisd::network
