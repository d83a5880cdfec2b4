// The transport-neutral request and response, and the one function type the
// network layer knows: a Service turns an ApiRequest into an ApiResponse.
// Each transport (HTTP/1.1, HTTP/2, either over TLS) fills an ApiRequest with
// views into its own buffers, calls the Service, and writes the ApiResponse
// back in its own framing. What stands behind the Service (routing, the
// operations) lives above the network layer (src/endpoint/ and the services' wings).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kinesisd::protocol {

class StreamedBody;

struct Header {
  std::string_view name;
  std::string_view value;
};

bool iequals(std::string_view a, std::string_view b);

struct ApiRequest {
  std::string_view method;  // "POST"
  std::string_view path;    // "/" (without the query)
  std::string_view query;   // after '?', may be empty
  std::vector<Header> headers;
  std::string_view body;
  // The connection's: the peer's address and whether it came over TLS (IAM's
  // aws:SourceIp and aws:SecureTransport).
  std::string_view source_ip;
  bool secure = false;

  // Fills path and query from a request target ("/path?query").
  void set_target(std::string_view target) {
    const size_t q = target.find('?');
    path = target.substr(0, q);
    query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
  }

  // The first header with this name (case-insensitive), or "".
  std::string_view header(std::string_view name) const {
    for (const auto& h : headers)
      if (iequals(h.name, name)) return h.value;
    return {};
  }
  bool has_header(std::string_view name) const {
    for (const auto& h : headers)
      if (iequals(h.name, name)) return true;
    return false;
  }
};

struct ApiResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set for streaming responses: `body` is empty and the transport sends what
  // the body produces over time (protocol/streamed_body.hpp).
  std::shared_ptr<StreamedBody> streamed;
  // Set when the answer may go out only later (a put waiting for its group
  // fsync): the transport calls it once with a function that, called from
  // any thread, lets the response be sent. Meanwhile the connection's thread
  // serves others.
  std::function<void(std::function<void()> send)> when_ready;
  // Set with when_ready when the answer itself is known only then (a control
  // endpoint's wait): called once, after when_ready let the response go and
  // before it is sent, to set its status, headers and body.
  std::function<void(ApiResponse&)> finish;
  // The connection is closed without an answer (an injected fault): the
  // client sees the connection drop, as after a network failure.
  bool drop = false;
};

// Request in, response out. Thread-safe: every I/O thread calls it. It never
// throws: a failure is a response (a 500 at worst).
class Service {
 public:
  virtual ~Service() = default;
  virtual ApiResponse handle(const ApiRequest& request) const = 0;
};

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

}  // namespace kinesisd::protocol
