// The operator's endpoints, GET (or HEAD) on the API port:
//   /health  -> 200 {"status":"ok","version":"0.1.0","uptime_seconds":12.345}
//   /metrics -> Prometheus text (control/metrics_text.hpp)
#pragma once

#include <chrono>

#include "control/metrics_text.hpp"
#include "endpoint/endpoint.hpp"

namespace kinesisd::service {

class AdminEndpoint final : public Endpoint {
 public:
  explicit AdminEndpoint(const observability::MetricsText& metrics) : metrics_(metrics) {}
  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;

 private:
  const observability::MetricsText& metrics_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace kinesisd::service
