// One endpoint of the port: a family of requests the Router hands to it
// (the AWS JSON protocol, Lambda's REST API, /health, ...).
#pragma once

#include <string_view>

#include "protocol/api.hpp"

namespace kinesisd::service {

class Endpoint {
 public:
  virtual ~Endpoint() = default;
  virtual protocol::ApiResponse handle(const protocol::ApiRequest& request) const = 0;
  // The operation a request names, for metrics and the debug log ("" if none).
  virtual std::string_view operation(const protocol::ApiRequest&) const { return {}; }
  // The answer when handle() threw: a bug costs one request, never the
  // connection or the server. A plain 500 unless the endpoint's protocol has
  // its own shape for it.
  virtual protocol::ApiResponse internal_error(const protocol::ApiRequest&) const {
    protocol::ApiResponse r;
    r.status = 500;
    return r;
  }
};

}  // namespace kinesisd::service
