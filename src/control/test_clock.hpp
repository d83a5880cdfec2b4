// A test-only endpoint that moves kinesisd's clock forward, so retention,
// iterator expiry and state changes can be tested without waiting:
//
//   POST /_kinesisd/clock  {"advance_ms": 90000000}
//   -> 200 {"now_ms": <kinesisd's time after the move>}
//
// The body must be application/json (415 otherwise: control/control_call).
// Served only with --test-clock 1. After moving the clock it runs the
// retention sweep at once, so a test sees the trim without a timer.
#pragma once

#include "endpoint/endpoint.hpp"
#include "kinesis/log/clock.hpp"
#include "kinesis/log/stream_store.hpp"

namespace kinesisd::service {

class TestClock final : public Endpoint {
 public:
  TestClock(log::OffsetClock& clock, log::StreamStore& store) : clock_(clock), store_(store) {}

  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;

 private:
  log::OffsetClock& clock_;
  log::StreamStore& store_;
};

}  // namespace kinesisd::service
