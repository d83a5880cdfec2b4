// What one connection may send and how long it may stay silent, for every
// transport (HTTP/1.1, HTTP/2, either over TLS).
#pragma once

#include <chrono>
#include <cstdint>

namespace kinesisd::network {

struct SessionLimits {
  uint64_t body_limit = 16ull * 1024 * 1024;  // larger bodies get 413
  uint32_t header_limit = 64 * 1024;
  std::chrono::seconds idle_timeout{120};
};

}  // namespace kinesisd::network
