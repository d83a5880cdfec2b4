// The transport-neutral request and response. The network layer (HTTP/1.1
// today, HTTP/2 later) fills an ApiRequest with views into its own buffers,
// calls the Router, and writes the ApiResponse back in its own framing.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kinesisd::protocol {

class EventSource;

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
  // the source produces (protocol/event_source.hpp).
  std::shared_ptr<EventSource> events;
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
