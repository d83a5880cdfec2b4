// The operator's endpoints, GET on the API port:
//   /health  -> 200 {"status":"ok","version":"0.1.0","uptime_seconds":12.345}
//   /metrics -> Prometheus text format 0.0.4. Every name starts with kinesisd_;
//               stream/shard series carry region, stream and shard labels,
//               event source mapping series uuid, function and stream.
#pragma once

#include <chrono>
#include <string_view>

#include "log/stream_store.hpp"
#include "observability/request_metrics.hpp"
#include "poller/poller.hpp"
#include "protocol/api.hpp"

namespace kinesisd::observability {

class AdminEndpoints {
 public:
  AdminEndpoints(const log::StreamStore& store, const RequestMetrics& requests,
                 const poller::Poller* poller);

  static bool handles(const protocol::ApiRequest& request);
  protocol::ApiResponse handle(const protocol::ApiRequest& request) const;

  std::string metrics_text() const;

 private:
  const log::StreamStore& store_;
  const RequestMetrics& requests_;
  const poller::Poller* poller_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace kinesisd::observability
