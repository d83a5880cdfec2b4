// Turns one ApiRequest into one ApiResponse: the Kinesis JSON protocol's
// order of checks (KINESIS_WIRE.md §1.1), then validation against the model,
// then the operation. Transport-neutral and thread-safe.
#pragma once

#include <memory>
#include <string>

#include "log/stream_store.hpp"
#include "observability/admin_endpoints.hpp"
#include "observability/request_metrics.hpp"
#include "protocol/api.hpp"
#include "protocol/clock_control.hpp"
#include "protocol/lambda_api.hpp"
#include "protocol/signed_token.hpp"

namespace kinesisd::protocol {

class Router {
 public:
  Router(log::StreamStore& store, const SignedToken& signer, std::string default_region);

  // Serves Lambda's event source mapping API on the same port from now on.
  void attach(poller::Poller& poller);
  // Counts every request by operation, and serves GET /health and /metrics.
  void observe(observability::RequestMetrics& metrics, const observability::AdminEndpoints& admin);

  // Serves the test-only POST /_kinesisd/clock (--test-clock).
  void control_clock(const ClockControl& control) { clock_control_ = &control; }

  ApiResponse handle(const ApiRequest& request) const;

 private:
  ApiResponse kinesis(const ApiRequest& request, std::string_view content_type) const;

  log::StreamStore& store_;
  const SignedToken& signer_;
  std::string default_region_;
  std::unique_ptr<LambdaApi> lambda_;
  observability::RequestMetrics* metrics_ = nullptr;
  const observability::AdminEndpoints* admin_ = nullptr;
  const ClockControl* clock_control_ = nullptr;
};

}  // namespace kinesisd::protocol
