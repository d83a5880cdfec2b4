// Timestamps in AWS JSON bodies: epoch seconds as a number, with the
// milliseconds as a fraction (1700000000.123), the form every SDK reads.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

namespace kinesisd::protocol {

inline nlohmann::json epoch_seconds(int64_t ms) {
  if (ms % 1000 == 0) return ms / 1000;
  return static_cast<double>(ms) / 1000.0;
}

}  // namespace kinesisd::protocol
