#include "control/control_call.hpp"

#include "control/json_answer.hpp"

namespace kinesisd::service {
namespace {

bool from_loopback(std::string_view ip) {
  return ip.starts_with("127.") || ip == "::1" || ip.starts_with("::ffff:127.");
}

bool json_body(const protocol::ApiRequest& request) {
  const auto type = request.header("content-type");
  return type.substr(0, type.find(';')) == "application/json";
}

}  // namespace

std::optional<protocol::ApiResponse> refuse_non_json(const protocol::ApiRequest& request) {
  if (request.body.empty() || json_body(request)) return std::nullopt;
  return json_answer(415, nlohmann::json{{"message", "the body must be application/json"}});
}

std::variant<nlohmann::json, protocol::ApiResponse> accept_control_call(
    const protocol::ApiRequest& request, bool loopback_only, std::string_view usage) {
  using nlohmann::json;
  if (request.method != "POST") return json_answer(405, json{{"message", usage}});
  if (loopback_only && !from_loopback(request.source_ip))
    return json_answer(403, json{{"message",
                                  "with --auth sigv4, /_kinesisd/ answers only callers on this "
                                  "machine (loopback)"}});
  if (request.body.empty()) return json::object();
  if (auto refused = refuse_non_json(request)) return std::move(*refused);
  auto body = json::parse(request.body, nullptr, false);
  if (!body.is_object())
    return json_answer(400, json{{"message", "the body is not a JSON object"}});
  return body;
}

}  // namespace kinesisd::service
