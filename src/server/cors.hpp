// CORS for the browser code RequestGuard lets in (the console, pages on
// loopback, --cors-origins): a preflight OPTIONS is answered 200 with the
// origin, the method and the request headers AWS's SDKs send (no other);
// every answer to a request with an Origin allows that origin (or *, when
// --cors-origins allows all) and exposes AWS's headers.
#pragma once

#include "endpoint/endpoint.hpp"
#include "protocol/api.hpp"
#include "server/request_guard.hpp"

namespace kinesisd::service {

class Preflight final : public Endpoint {
 public:
  explicit Preflight(const RequestGuard* guard = nullptr) : guard_(guard) {}
  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;

 private:
  const RequestGuard* guard_;  // null, or one allowing any origin: AWS's answer, headers echoed
};

// When the request has an Origin header (one the guard let in).
void add_cors(const protocol::ApiRequest& request, protocol::ApiResponse& response,
              const RequestGuard* guard);

}  // namespace kinesisd::service
