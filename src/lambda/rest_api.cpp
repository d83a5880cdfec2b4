#include "lambda/rest_api.hpp"

#include "protocol/query_string.hpp"

namespace kinesisd::lambda {

std::optional<Route> route(std::string_view method, std::string_view path) {
  if (path.starts_with(kTagsPath)) {
    const std::string_view rest = path.substr(kTagsPath.size());
    if (rest.empty() || rest.find('/') != std::string_view::npos) return std::nullopt;
    std::string arn = protocol::url_decode(rest);
    if (method == "POST") return Route{Call::kTagResource, {}, std::move(arn)};
    if (method == "DELETE") return Route{Call::kUntagResource, {}, std::move(arn)};
    if (method == "GET") return Route{Call::kListTags, {}, std::move(arn)};
    return Route{Call::kNone, {}, std::move(arn)};
  }
  if (!path.starts_with(kMappingsPath)) return std::nullopt;
  std::string_view rest = path.substr(kMappingsPath.size());
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  if (rest.find('/') != std::string_view::npos) return std::nullopt;
  if (rest.empty()) {
    if (method == "POST") return Route{Call::kCreate, {}};
    if (method == "GET") return Route{Call::kList, {}};
    return Route{Call::kNone, {}};
  }
  std::string uuid = protocol::url_decode(rest);
  if (method == "GET") return Route{Call::kGet, std::move(uuid)};
  if (method == "PUT") return Route{Call::kUpdate, std::move(uuid)};
  if (method == "DELETE") return Route{Call::kDelete, std::move(uuid)};
  return Route{Call::kNone, std::move(uuid)};
}

std::string_view operation_name(Call call) {
  switch (call) {
    case Call::kCreate:
      return "CreateEventSourceMapping";
    case Call::kList:
      return "ListEventSourceMappings";
    case Call::kGet:
      return "GetEventSourceMapping";
    case Call::kUpdate:
      return "UpdateEventSourceMapping";
    case Call::kDelete:
      return "DeleteEventSourceMapping";
    case Call::kTagResource:
      return "TagResource";
    case Call::kUntagResource:
      return "UntagResource";
    case Call::kListTags:
      return "ListTags";
    case Call::kNone:
      break;
  }
  return {};
}

int success_status(Call call) {
  if (call == Call::kTagResource || call == Call::kUntagResource) return 204;
  return call == Call::kGet || call == Call::kList || call == Call::kListTags ? 200 : 202;
}

protocol::ApiResponse render(int status, const nlohmann::json& body) {
  protocol::ApiResponse r;
  r.status = status;
  if (status == 204) return r;  // No Content: no body
  r.content_type = "application/json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

protocol::ApiResponse render_error(const protocol::Error& e) {
  protocol::ApiResponse r;
  r.status = e.status;
  r.content_type = "application/json";
  r.headers.emplace_back("x-amzn-ErrorType", e.type);
  r.body =
      nlohmann::json{{"Type", e.status >= 500 ? "Service" : "User"}, {"message", e.message}}.dump();
  return r;
}

}  // namespace kinesisd::lambda
