#include "server/router.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "console/console_endpoint.hpp"
#include "protocol/response.hpp"
#include "server/cors.hpp"

namespace kinesisd::service {
namespace {

using protocol::ApiRequest;
using protocol::ApiResponse;

bool is_admin(const ApiRequest& r) {
  return (r.method == "GET" || r.method == "HEAD") && (r.path == "/health" || r.path == "/metrics");
}
bool is_test_clock(const ApiRequest& r) { return r.path == "/_kinesisd/clock"; }
bool is_settle(const ApiRequest& r) {
  return r.path == "/_kinesisd/wait" || r.path == "/_kinesisd/flush";
}
bool is_reset(const ApiRequest& r) { return r.path == "/_kinesisd/reset"; }
bool is_faults(const ApiRequest& r) {
  return r.path == "/_kinesisd/faults" || r.path.starts_with("/_kinesisd/faults/");
}
bool is_lambda(const ApiRequest& r) {
  return r.method != "OPTIONS" && (r.path.starts_with("/2015-03-31/event-source-mappings") ||
                                   r.path.starts_with("/2017-03-31/tags/"));
}
// A CORS preflight: OPTIONS with an Origin. OPTIONS without one is an
// ordinary request that no operation takes (endpoint/aws_json_endpoint).
bool is_preflight(const ApiRequest& r) { return r.method == "OPTIONS" && r.has_header("Origin"); }
bool is_console(const ApiRequest& r) { return ConsoleEndpoint::matches(r); }
bool anything(const ApiRequest&) { return true; }

ApiResponse control_path_not_served(const ApiRequest& r) {
  std::string message = std::string(r.path) + " is not served";
  if (is_test_clock(r))
    message += ": start kinesisd with --test-clock 1";
  else if (is_faults(r))
    message += ": start kinesisd with --faults 1 (or fault rules in the config file)";
  else
    message += ": kinesisd's control endpoints are /_kinesisd/wait, flush, reset, faults and clock";
  ApiResponse out;
  out.status = 404;
  out.content_type = "application/json";
  out.body = nlohmann::json{{"message", message}}.dump();
  return out;
}

struct Route {
  const Endpoint* Endpoints::*endpoint;
  bool (*matches)(const ApiRequest&);
  // An AWS API: its answers carry request ids and CORS headers, and count
  // in the per-operation metrics. kinesisd's own endpoints do not.
  bool aws;
  // x-amz-id-2 beside x-amzn-RequestId: on every AWS answer but a preflight
  // (kinesalite's test/connection.js assertCors, checked against AWS).
  bool extended_id = aws;
};

// Every endpoint of the port, in the order requests are matched.
constexpr Route kRoutes[] = {
    {&Endpoints::admin, is_admin, false},            // GET|HEAD /health, /metrics
    {&Endpoints::test_clock, is_test_clock, false},  // /_kinesisd/clock
    {&Endpoints::faults, is_faults, false},          // /_kinesisd/faults[/ID]
    {&Endpoints::settle, is_settle, false},          // /_kinesisd/wait, /_kinesisd/flush
    {&Endpoints::reset, is_reset, false},            // /_kinesisd/reset
    {&Endpoints::console, is_console, false},        // GET /console[/...]
    {&Endpoints::lambda, is_lambda,
     true},  // /2015-03-31/event-source-mappings[/UUID], /2017-03-31/tags/ARN
    {&Endpoints::preflight, is_preflight, true, false},  // OPTIONS * with Origin
    {&Endpoints::aws_json, anything, true},              // POST / with X-Amz-Target, and the rest
};

}  // namespace

Router::Router(Endpoints endpoints, observability::RequestMetrics* metrics,
               const RequestGuard* guard)
    : endpoints_(endpoints), metrics_(metrics), guard_(guard) {}

ApiResponse Router::handle(const ApiRequest& request) const {
  if (guard_)
    if (auto refused = guard_->refuse(request)) return std::move(*refused);
  const Route* route = nullptr;
  for (const auto& r : kRoutes)
    if (endpoints_.*r.endpoint && r.matches(request)) {
      route = &r;
      break;
    }
  if (!route) {
    ApiResponse none;
    none.status = 404;
    return none;
  }
  // kinesisd's own paths are never an AWS call: one whose endpoint is off
  // says which flag turns it on.
  if (route->matches == anything && request.path.starts_with("/_kinesisd/"))
    return control_path_not_served(request);
  const Endpoint& endpoint = *(endpoints_.*route->endpoint);
  const auto started = std::chrono::steady_clock::now();
  ApiResponse response;
  try {
    response = endpoint.handle(request);
  } catch (const std::exception& e) {
    spdlog::error("{} {} failed: {}", request.method, request.path, e.what());
    response = endpoint.internal_error(request);
  }
  if (!route->aws) return response;

  protocol::add_request_ids(response, route->extended_id);
  add_cors(request, response, guard_);
  if (metrics_) {
    std::string_view operation = endpoint.operation(request);
    if (operation.empty()) {  // e.g. a preflight for an operation
      const std::string_view target = request.header("X-Amz-Target");
      if (const size_t dot = target.find('.'); dot != std::string_view::npos)
        operation = target.substr(dot + 1);
    }
    const auto elapsed = std::chrono::steady_clock::now() - started;
    metrics_->record(operation, response.status, elapsed);
    if (spdlog::should_log(spdlog::level::debug))
      spdlog::debug("{} {} {} -> {} in {} us", request.method, request.path,
                    operation.empty() ? "-" : operation, response.status,
                    std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
  }
  return response;
}

}  // namespace kinesisd::service
