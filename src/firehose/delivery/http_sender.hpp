// One HTTP POST from a delivery stream to its destination (Firehose's HTTP
// endpoint, an OpenSearch domain's _bulk): http:// or https://, the latter
// with the server's certificate verified against OpenSSL's default trust
// store (which honours SSL_CERT_FILE and SSL_CERT_DIR, so a local endpoint
// with its own CA works without turning verification off) and its host name.
// Blocking; the delivery thread calls it.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace kinesisd::delivery {

struct HttpPost {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
};

struct HttpReply {
  int status = 0;     // 0 when no answer came (`error` says why)
  std::string body;   // at most 1 MiB is read
  std::string error;  // a transport failure: DNS, connect, TLS, timeout
};

// Whether `url` is one post() can reach: http(s)://host[:port][/path].
bool reachable_url(const std::string& url);

HttpReply post_request(const HttpPost& request, const std::atomic<bool>& cancel);

}  // namespace kinesisd::delivery
