#include "control/faults_endpoint.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "control/control_call.hpp"
#include "control/json_answer.hpp"

namespace kinesisd::service {
namespace {

using nlohmann::json;
using protocol::ApiRequest;
using protocol::ApiResponse;

constexpr std::string_view kPath = "/_kinesisd/faults";

}  // namespace

ApiResponse FaultsEndpoint::handle(const ApiRequest& request) const {
  std::string_view rest = request.path.substr(kPath.size());
  if (request.method == "GET" && rest.empty())
    return json_answer(200, json{{"rules", engine_.list()}});
  if (request.method == "POST" && rest.empty()) {
    if (auto refused = refuse_non_json(request)) return std::move(*refused);
    const auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded()) return json_answer(400, json{{"message", "the body is not JSON"}});
    try {
      return json_answer(200, json{{"ids", engine_.add(body)}});
    } catch (const faults::RuleError& e) {
      return json_answer(400, json{{"message", e.what()}, {"key", e.key}});
    }
  }
  if (request.method == "DELETE" && rest.empty()) {
    const auto n = engine_.list().size();
    engine_.clear();
    return json_answer(200, json{{"removed", n}});
  }
  if (request.method == "DELETE" && rest.size() > 1 && rest.front() == '/') {
    uint64_t id = 0;
    const auto digits = rest.substr(1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec == std::errc() && end == digits.data() + digits.size() && engine_.remove(id))
      return json_answer(200, json{{"removed", 1}});
    return json_answer(404, json{{"message", "no fault rule " + std::string(digits)}});
  }
  return json_answer(405, json{{"message",
                                "GET, POST or DELETE /_kinesisd/faults, DELETE "
                                "/_kinesisd/faults/ID"}});
}

}  // namespace kinesisd::service
