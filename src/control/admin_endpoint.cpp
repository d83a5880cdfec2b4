#include "control/admin_endpoint.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace kinesisd::service {

protocol::ApiResponse AdminEndpoint::handle(const protocol::ApiRequest& r) const {
  protocol::ApiResponse response;
  response.status = 200;
  if (r.path == "/health") {
    const double uptime =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    response.content_type = "application/json";
    response.body = nlohmann::json{{"status", "ok"},
                                   {"version", KINESISD_VERSION},
                                   {"uptime_seconds", std::round(uptime * 1000) / 1000}}
                        .dump();
  } else {
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = metrics_.render();
  }
  return response;
}

}  // namespace kinesisd::service
