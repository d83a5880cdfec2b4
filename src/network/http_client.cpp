#include "network/http_client.hpp"

#include <openssl/ssl.h>
#include <strings.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace kinesisd::network {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

// Sends the request and reads the answer on `stream` (plain or TLS).
template <class Stream>
asio::awaitable<void> exchange(Stream& stream, const Url& url, const HttpRequest& request,
                               HttpResponse& response) {
  http::request<http::string_body> req{http::string_to_verb(request.method), url.target, 11};
  req.set(http::field::host, url.authority);
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();
  co_await http::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(request.body_limit);
  co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
  response.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get())
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  response.body = std::move(parser.get().body());
}

// The client's TLS context: peers verified against the default store.
asio::ssl::context& client_tls() {
  static asio::ssl::context* ctx = [] {
    auto* c = new asio::ssl::context(asio::ssl::context::tls_client);
    c->set_default_verify_paths();  // SSL_CERT_FILE / SSL_CERT_DIR, else the system store
    c->set_verify_mode(asio::ssl::verify_peer);
    return c;
  }();
  return *ctx;
}

HttpResponse cancelled() {
  HttpResponse r;
  r.error = "cancelled at shutdown";
  return r;
}

}  // namespace

std::optional<Url> parse_url(const std::string& url) {
  Url u;
  std::string rest;
  if (url.rfind("https://", 0) == 0) {
    u.tls = true;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else {
    return std::nullopt;
  }
  const size_t slash = rest.find('/');
  u.authority = rest.substr(0, slash);
  u.target = slash == std::string::npos ? "/" : rest.substr(slash);
  const size_t colon = u.authority.rfind(':');
  u.host = u.authority.substr(0, colon);
  u.port = colon == std::string::npos ? (u.tls ? "443" : "80") : u.authority.substr(colon + 1);
  if (u.host.empty() || u.port.empty() ||
      u.port.find_first_not_of("0123456789") != std::string::npos ||
      u.authority.find('@') != std::string::npos)
    return std::nullopt;
  return u;
}

const std::string* HttpResponse::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return &v;
  return nullptr;
}

asio::awaitable<HttpResponse> async_fetch(HttpRequest request) {
  HttpResponse response;
  const auto url = parse_url(request.url);
  if (!url) {
    response.error = "not an http:// or https:// URL: " + request.url;
    co_return response;
  }
  auto executor = co_await asio::this_coro::executor;
  try {
    asio::ip::tcp::resolver resolver(executor);
    const auto endpoints =
        co_await resolver.async_resolve(url->host, url->port, asio::use_awaitable);
    if (!url->tls) {
      beast::tcp_stream stream(executor);
      stream.expires_after(request.timeout);
      co_await stream.async_connect(endpoints, asio::use_awaitable);
      co_await exchange(stream, *url, request, response);
      beast::error_code ignored;
      stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
      co_return response;
    }
    beast::ssl_stream<beast::tcp_stream> stream(executor, client_tls());
    if (!SSL_set_tlsext_host_name(stream.native_handle(), url->host.c_str()))
      throw std::runtime_error("cannot set the TLS server name");
    stream.set_verify_callback(asio::ssl::host_name_verification(url->host));
    beast::get_lowest_layer(stream).expires_after(request.timeout);
    co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    co_await exchange(stream, *url, request, response);
    // The answer is in: a peer that does not close TLS politely changes nothing.
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(1));
    beast::error_code ignored;
    co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ignored));
  } catch (const std::exception& e) {
    if (response.status == 0) response.error = request.method + " " + request.url + ": " + e.what();
  }
  co_return response;
}

HttpResponse fetch(HttpRequest request, const std::atomic<bool>& cancel) {
  if (cancel.load()) return cancelled();
  asio::io_context ioc;
  HttpResponse response;
  asio::co_spawn(ioc, async_fetch(std::move(request)),
                 [&](std::exception_ptr, HttpResponse r) { response = std::move(r); });
  while (!ioc.stopped()) {
    ioc.run_for(std::chrono::milliseconds(50));
    if (cancel.load() && !ioc.stopped()) {
      // Stopped, the io_context destroys the exchange with its connection.
      ioc.stop();
      return cancelled();
    }
  }
  return response;
}

}  // namespace kinesisd::network
