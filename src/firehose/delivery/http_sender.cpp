#include "firehose/delivery/http_sender.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

namespace kinesisd::delivery {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct Url {
  bool tls = false;
  std::string host, port, target;
};

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
  const std::string authority = rest.substr(0, slash);
  u.target = slash == std::string::npos ? "/" : rest.substr(slash);
  const size_t colon = authority.rfind(':');
  u.host = authority.substr(0, colon);
  u.port = colon == std::string::npos ? (u.tls ? "443" : "80") : authority.substr(colon + 1);
  if (u.host.empty() || u.port.empty() ||
      u.port.find_first_not_of("0123456789") != std::string::npos ||
      authority.find('@') != std::string::npos)
    return std::nullopt;
  return u;
}

// Sends the request and reads the answer on `stream` (plain or TLS).
template <class Stream>
void exchange(Stream& stream, const Url& url, const HttpPost& request, HttpReply& reply) {
  http::request<http::string_body> req{http::verb::post, url.target, 11};
  req.set(http::field::host, url.host);
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(1 << 20);
  http::read(stream, buffer, parser);
  reply.status = static_cast<int>(parser.get().result_int());
  reply.body = parser.get().body();
}

}  // namespace

bool reachable_url(const std::string& url) { return parse_url(url).has_value(); }

HttpReply post_request(const HttpPost& request, const std::atomic<bool>& cancel) {
  HttpReply reply;
  const auto url = parse_url(request.url);
  if (!url) {
    reply.error = "not an http:// or https:// URL: " + request.url;
    return reply;
  }
  if (cancel.load()) {
    reply.error = "cancelled at shutdown";
    return reply;
  }
  try {
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    const auto endpoints = resolver.resolve(url->host, url->port);
    if (!url->tls) {
      beast::tcp_stream stream(ioc);
      stream.expires_after(request.timeout);
      stream.connect(endpoints);
      exchange(stream, *url, request, reply);
      beast::error_code ignored;
      stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
      return reply;
    }
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_default_verify_paths();  // SSL_CERT_FILE / SSL_CERT_DIR, else the system store
    ctx.set_verify_mode(asio::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    if (!SSL_set_tlsext_host_name(stream.native_handle(), url->host.c_str()))
      throw std::runtime_error("cannot set the TLS server name");
    stream.set_verify_callback(asio::ssl::host_name_verification(url->host));
    beast::get_lowest_layer(stream).expires_after(request.timeout);
    beast::get_lowest_layer(stream).connect(endpoints);
    stream.handshake(asio::ssl::stream_base::client);
    exchange(stream, *url, request, reply);
    beast::error_code ignored;
    stream.shutdown(ignored);
  } catch (const std::exception& e) {
    reply.error = "POST " + request.url + ": " + e.what();
  }
  return reply;
}

}  // namespace kinesisd::delivery
