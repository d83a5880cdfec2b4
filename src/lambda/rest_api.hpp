// Lambda's REST-JSON framing of the event source mapping API:
//   POST   /2015-03-31/event-source-mappings         CreateEventSourceMapping  202
//   GET    /2015-03-31/event-source-mappings         ListEventSourceMappings   200
//   GET    /2015-03-31/event-source-mappings/{UUID}  GetEventSourceMapping     200
//   PUT    /2015-03-31/event-source-mappings/{UUID}  UpdateEventSourceMapping  202
//   DELETE /2015-03-31/event-source-mappings/{UUID}  DeleteEventSourceMapping  202
//   POST   /2017-03-31/tags/{ARN}                    TagResource               204
//   DELETE /2017-03-31/tags/{ARN}?tagKeys=K...       UntagResource             204
//   GET    /2017-03-31/tags/{ARN}                    ListTags                  200
// (tags of event source mappings, the Lambda resource kinesisd has)
// Errors carry x-amzn-ErrorType and the body {"Type": "User"|"Service",
// "message": ...}, as Lambda's API reference shows them.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/api.hpp"
#include "protocol/error.hpp"

namespace kinesisd::lambda {

enum class Call {
  kCreate,
  kList,
  kGet,
  kUpdate,
  kDelete,
  kTagResource,
  kUntagResource,
  kListTags,
  kNone,  // a mapping or tags path, but a method that names no call
};

struct Route {
  Call call;
  std::string uuid;        // Get, Update, Delete
  std::string resource{};  // the ARN the tag calls name
};

inline constexpr std::string_view kMappingsPath = "/2015-03-31/event-source-mappings";
inline constexpr std::string_view kTagsPath = "/2017-03-31/tags/";

// The call a method and path name; nullopt for a path deeper than a mapping
// (both answered with Lambda's 404 UnknownOperationException; kNone only
// once the request's signature has been checked).
std::optional<Route> route(std::string_view method, std::string_view path);
std::string_view operation_name(Call call);  // "CreateEventSourceMapping", ...
int success_status(Call call);

protocol::ApiResponse render(int status, const nlohmann::json& body);
protocol::ApiResponse render_error(const protocol::Error& error);

}  // namespace kinesisd::lambda
