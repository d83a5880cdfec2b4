#include "control/test_clock.hpp"

#include <nlohmann/json.hpp>

#include "control/control_call.hpp"

namespace kinesisd::service {

using protocol::ApiRequest;
using protocol::ApiResponse;

ApiResponse TestClock::handle(const ApiRequest& request) const {
  ApiResponse response;
  response.content_type = "application/json";
  if (request.method != "POST") {
    response.status = 405;
    response.body = R"({"message":"POST {\"advance_ms\": N}"})";
    return response;
  }
  if (auto refused = refuse_non_json(request)) return std::move(*refused);
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  const auto it = body.is_object() ? body.find("advance_ms") : body.end();
  if (it == body.end() || !it->is_number_integer() || it->get<int64_t>() < 0) {
    response.status = 400;
    response.body = R"({"message":"advance_ms must be a non-negative integer"})";
    return response;
  }
  clock_.advance(it->get<int64_t>());
  store_.sweep();
  response.status = 200;
  response.body = nlohmann::json{{"now_ms", clock_.now_ms()}}.dump();
  return response;
}

}  // namespace kinesisd::service
