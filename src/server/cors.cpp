#include "server/cors.hpp"

#include <cctype>
#include <string>

namespace kinesisd::service {

namespace {

// The headers AWS's SDKs and the console send with an API call.
bool sdk_header(std::string_view name) {
  std::string h(name);
  for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return h == "authorization" || h == "content-type" || h.starts_with("x-amz-") ||
         h.starts_with("amz-sdk-") || h == "x-amzn-trace-id" || h == "content-encoding";
}

}  // namespace

protocol::ApiResponse Preflight::handle(const protocol::ApiRequest& request) const {
  protocol::ApiResponse response;
  response.status = 200;
  response.headers.emplace_back("Access-Control-Max-Age", "172800");
  if (auto requested = request.header("Access-Control-Request-Headers"); !requested.empty()) {
    std::string allowed;
    for (const auto& h : split_list(requested))
      if (!guard_ || guard_->any_origin() || sdk_header(h))
        allowed += (allowed.empty() ? "" : ", ") + h;
    if (!allowed.empty()) response.headers.emplace_back("Access-Control-Allow-Headers", allowed);
  }
  if (auto m = request.header("Access-Control-Request-Method"); !m.empty())
    response.headers.emplace_back("Access-Control-Allow-Methods", std::string(m));
  return response;
}

void add_cors(const protocol::ApiRequest& request, protocol::ApiResponse& response,
              const RequestGuard* guard) {
  if (!request.has_header("Origin")) return;
  const std::string origin =
      guard ? guard->allow_origin(request.header("Origin")) : std::string("*");
  response.headers.emplace_back("Access-Control-Allow-Origin", origin);
  if (origin != "*") response.headers.emplace_back("Vary", "Origin");
  if (request.method == "OPTIONS") return;  // a preflight exposes nothing
  response.headers.emplace_back(
      "Access-Control-Expose-Headers",
      "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date");
}

}  // namespace kinesisd::service
