#include "network/connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "network/http2_session.hpp"
#include "network/http_session.hpp"
#include "network/tls_context.hpp"
#include "network/transport_sniffer.hpp"

namespace kinesisd::network {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kHandshakeTimeout = std::chrono::seconds(10);

// Reads until the first bytes name a transport; kNeedMore on EOF or error.
asio::awaitable<Transport> sniff(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                 SessionLimits limits) {
  for (;;) {
    const auto data = buffer.data();
    const auto t =
        sniff_transport(std::string_view(static_cast<const char*>(data.data()), data.size()));
    if (t != Transport::kNeedMore) co_return t;
    // Silent for up to idle_timeout; once bytes came, the rest of what names
    // the transport within header_timeout.
    stream.expires_after(buffer.size() ? limits.header_timeout : limits.idle_timeout);
    auto [ec, n] = co_await stream.async_read_some(buffer.prepare(1024), use_tuple);
    if (ec) co_return Transport::kNeedMore;
    buffer.commit(n);
  }
}

asio::awaitable<void> serve_tls(beast::tcp_stream stream, beast::flat_buffer buffer,
                                const protocol::Service& service, asio::ssl::context& tls,
                                SessionLimits limits, SessionRegistry& registry) {
  beast::ssl_stream<beast::tcp_stream> secure(std::move(stream), tls);
  beast::get_lowest_layer(secure).expires_after(kHandshakeTimeout);
  auto [ec, used] =
      co_await secure.async_handshake(asio::ssl::stream_base::server, buffer.data(), use_tuple);
  if (ec) {
    spdlog::debug("TLS handshake failed: {}", ec.message());
    co_return;
  }
  buffer.consume(used);
  if (alpn_protocol(secure.native_handle()) == "h2")
    co_await run_http2_session(secure, buffer, service, limits, registry);
  else
    co_await run_http_session(secure, buffer, service, limits, registry);
}

}  // namespace

asio::awaitable<void> run_connection(asio::ip::tcp::socket socket, const protocol::Service& service,
                                     TlsProvider* tls, SessionLimits limits,
                                     SessionRegistry& registry) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  switch (co_await sniff(stream, buffer, limits)) {
    case Transport::kHttp1:
      co_await run_http_session(stream, buffer, service, limits, registry);
      break;
    case Transport::kH2c:
      co_await run_http2_session(stream, buffer, service, limits, registry);
      break;
    case Transport::kTls:
      // The first TLS connection makes the context (network/tls_context).
      if (auto* context = tls ? tls->get() : nullptr)
        co_await serve_tls(std::move(stream), std::move(buffer), service, *context, limits,
                           registry);
      break;
    case Transport::kNeedMore:  // closed or timed out before saying anything
      break;
  }
}

}  // namespace kinesisd::network
