#include "server/cors.hpp"

namespace kinesisd::service {

protocol::ApiResponse Preflight::handle(const protocol::ApiRequest& request) const {
  protocol::ApiResponse response;
  response.status = 200;
  response.headers.emplace_back("Access-Control-Max-Age", "172800");
  if (auto h = request.header("Access-Control-Request-Headers"); !h.empty())
    response.headers.emplace_back("Access-Control-Allow-Headers", std::string(h));
  if (auto m = request.header("Access-Control-Request-Method"); !m.empty())
    response.headers.emplace_back("Access-Control-Allow-Methods", std::string(m));
  return response;
}

void add_cors(const protocol::ApiRequest& request, protocol::ApiResponse& response) {
  if (!request.has_header("Origin")) return;
  response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  if (request.method == "OPTIONS") return;  // a preflight exposes nothing
  response.headers.emplace_back(
      "Access-Control-Expose-Headers",
      "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date");
}

}  // namespace kinesisd::service
