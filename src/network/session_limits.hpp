// What one connection may send and how long it may stay silent, for every
// transport (HTTP/1.1, HTTP/2, either over TLS).
#pragma once

#include <chrono>
#include <cstdint>

namespace kinesisd::network {

struct SessionLimits {
  uint64_t body_limit = 16ull * 1024 * 1024;  // larger bodies get 413
  uint32_t header_limit = 64 * 1024;
  std::chrono::seconds idle_timeout{120};  // silent between requests
  // From a request's first byte to the end of its header: a client that
  // sends half a request line and stops is cut off after this.
  std::chrono::seconds header_timeout{10};
  // Connections served at once; more are closed as they are accepted.
  uint32_t max_connections = 10000;
};

}  // namespace kinesisd::network
