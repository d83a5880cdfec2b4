// A time (epoch milliseconds) written in UTC with a strftime(3) format: the
// forms AWS's texts use (SigV4's 20150830T123600Z, IAM's aws:CurrentTime
// 2015-08-30T12:36:00Z, the iterator expiry message's Java date).
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace kinesisd::protocol {

inline std::string utc_format(int64_t ms, const char* format) {
  const std::time_t t = ms / 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  return std::string(buf, std::strftime(buf, sizeof buf, format, &tm));
}

}  // namespace kinesisd::protocol
