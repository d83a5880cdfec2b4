// kinesisd's one outbound HTTP client (Beast, coroutine): a request to an
// http:// or https:// URL and its answer. With https:// the server's
// certificate is verified against OpenSSL's default trust store (which
// honours SSL_CERT_FILE and SSL_CERT_DIR, so a local endpoint with its own CA
// works without turning verification off) and its host name. One connection a
// request. Used by Firehose's HTTP endpoint and OpenSearch destinations and
// by Lambda's http handlers.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kinesisd::network {

// http(s)://host[:port][/target], as the client reaches it.
struct Url {
  bool tls = false;
  std::string authority;  // host[:port] as written: the Host header
  std::string host, port, target;
};
// Nullopt for anything else (another scheme, user info, no host, a bad port).
std::optional<Url> parse_url(const std::string& url);

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  HttpHeaders headers;  // Host and Content-Length are the client's
  std::string body;
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};  // the whole exchange
  size_t body_limit = 1 << 20;                                  // of the answer
};

struct HttpResponse {
  int status = 0;  // 0 when no answer came (`error` says why)
  HttpHeaders headers;
  std::string body;
  std::string error;  // a transport failure: DNS, connect, TLS, timeout, a bad URL

  // The first header of that name (case-insensitive), or nullptr.
  const std::string* header(std::string_view name) const;
};

// The exchange, on the caller's executor.
boost::asio::awaitable<HttpResponse> async_fetch(HttpRequest request);

// The same for a thread that runs no io_context (a delivery stream's, a
// handler invocation's): blocks until the answer, the timeout, or `cancel`
// turning true (the connection is then closed; error "cancelled").
HttpResponse fetch(HttpRequest request, const std::atomic<bool>& cancel);

}  // namespace kinesisd::network
