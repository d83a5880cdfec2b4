// The front controller: the one protocol::Service the network layer calls.
// It picks the endpoint of a request from one table (router.cpp, kRoutes),
// in order, catches what an endpoint throws (the only such catch), and adds
// what every AWS answer carries (request ids, CORS headers) and the
// per-operation metrics.
#pragma once

#include "endpoint/endpoint.hpp"
#include "observability/request_metrics.hpp"
#include "protocol/api.hpp"
#include "server/request_guard.hpp"

namespace kinesisd::service {

// The endpoints this server has; an absent one (nullptr) is skipped.
struct Endpoints {
  const Endpoint* admin = nullptr;       // GET /health, /metrics
  const Endpoint* test_clock = nullptr;  // POST /_kinesisd/clock (--test-clock)
  const Endpoint* lambda = nullptr;      // Lambda's event source mapping REST API
  const Endpoint* preflight = nullptr;   // OPTIONS (CORS)
  const Endpoint* aws_json = nullptr;    // everything else: X-Amz-Target JSON/CBOR APIs
  const Endpoint* faults = nullptr;      // /_kinesisd/faults (--faults)
  const Endpoint* console = nullptr;     // GET /console[/...] (--console)
  const Endpoint* settle = nullptr;      // POST /_kinesisd/wait, /_kinesisd/flush
  const Endpoint* reset = nullptr;       // POST /_kinesisd/reset
};

class Router final : public protocol::Service {
 public:
  // `guard`: who may be served (server/request_guard); null serves everyone.
  Router(Endpoints endpoints, observability::RequestMetrics* metrics,
         const RequestGuard* guard = nullptr);

  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;

 private:
  Endpoints endpoints_;
  observability::RequestMetrics* metrics_;
  const RequestGuard* guard_;
};

}  // namespace kinesisd::service
