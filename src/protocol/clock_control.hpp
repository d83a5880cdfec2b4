// A test-only endpoint that moves kinesisd's clock forward, so retention,
// iterator expiry and state changes can be tested without waiting:
//
//   POST /_kinesisd/clock  {"advance_ms": 90000000}
//   -> 200 {"now_ms": <kinesisd's time after the move>}
//
// Served only with --test-clock 1. After moving the clock it runs the
// retention sweep at once, so a test sees the trim without a timer.
#pragma once

#include "log/clock.hpp"
#include "log/stream_store.hpp"
#include "protocol/api.hpp"

namespace kinesisd::protocol {

class ClockControl {
 public:
  ClockControl(log::OffsetClock& clock, log::StreamStore& store) : clock_(clock), store_(store) {}

  static bool handles(const ApiRequest& request);
  ApiResponse handle(const ApiRequest& request) const;

 private:
  log::OffsetClock& clock_;
  log::StreamStore& store_;
};

}  // namespace kinesisd::protocol
