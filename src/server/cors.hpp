// CORS as AWS answers it, so browser code (and the console) can call the API:
// a preflight OPTIONS is answered 200 with the allowed origin, method and
// headers; every answer to a request with an Origin exposes AWS's headers.
#pragma once

#include "protocol/api.hpp"
#include "endpoint/endpoint.hpp"

namespace kinesisd::service {

class Preflight final : public Endpoint {
 public:
  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;
};

// When the request has an Origin header.
void add_cors(const protocol::ApiRequest& request, protocol::ApiResponse& response);

}  // namespace kinesisd::service
