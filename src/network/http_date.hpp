// The Date header's value (RFC 7231 IMF-fixdate), recomputed at most once a
// second per thread.
#pragma once

#include <ctime>
#include <string>

namespace kinesisd::network {

inline const std::string& http_date() {
  thread_local std::time_t cached_at = 0;
  thread_local std::string cached;
  const std::time_t now = std::time(nullptr);
  if (now != cached_at) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached = buf;
    cached_at = now;
  }
  return cached;
}

}  // namespace kinesisd::network
