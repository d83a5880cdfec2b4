#include "control/faults_endpoint.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

namespace kinesisd::service {
namespace {

using nlohmann::json;
using protocol::ApiRequest;
using protocol::ApiResponse;

constexpr std::string_view kPath = "/_kinesisd/faults";

ApiResponse answer(int status, const json& body) {
  ApiResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body.dump();
  return r;
}

}  // namespace

ApiResponse FaultsEndpoint::handle(const ApiRequest& request) const {
  std::string_view rest = request.path.substr(kPath.size());
  if (request.method == "GET" && rest.empty()) return answer(200, json{{"rules", engine_.list()}});
  if (request.method == "POST" && rest.empty()) {
    const auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded()) return answer(400, json{{"message", "the body is not JSON"}});
    try {
      return answer(200, json{{"ids", engine_.add(body)}});
    } catch (const faults::RuleError& e) {
      return answer(400, json{{"message", e.what()}, {"key", e.key}});
    }
  }
  if (request.method == "DELETE" && rest.empty()) {
    const auto n = engine_.list().size();
    engine_.clear();
    return answer(200, json{{"removed", n}});
  }
  if (request.method == "DELETE" && rest.size() > 1 && rest.front() == '/') {
    uint64_t id = 0;
    const auto digits = rest.substr(1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec == std::errc() && end == digits.data() + digits.size() && engine_.remove(id))
      return answer(200, json{{"removed", 1}});
    return answer(404, json{{"message", "no fault rule " + std::string(digits)}});
  }
  return answer(405, json{{"message",
                           "GET, POST or DELETE /_kinesisd/faults, DELETE "
                           "/_kinesisd/faults/ID"}});
}

}  // namespace kinesisd::service
