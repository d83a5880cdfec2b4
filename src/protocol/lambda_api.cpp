#include "protocol/lambda_api.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "operations/event_source_mappings.hpp"
#include "protocol/auth.hpp"
#include "protocol/query_string.hpp"

namespace kinesisd::protocol {
namespace {

constexpr std::string_view kRoot = "/2015-03-31/event-source-mappings";

ApiResponse lambda_error(const Error& e) {
  ApiResponse r;
  r.status = e.status;
  r.content_type = "application/json";
  r.headers.emplace_back("x-amzn-ErrorType", e.type);
  nlohmann::json body = {{"Type", e.status >= 500 ? "Service" : "User"}, {"message", e.message}};
  r.body = body.dump();
  return r;
}

ApiResponse lambda_ok(int status, const nlohmann::json& body) {
  ApiResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace

LambdaApi::LambdaApi(poller::Poller& poller, std::string default_region)
    : poller_(poller), default_region_(std::move(default_region)) {}

bool LambdaApi::handles(std::string_view path) { return path.starts_with(kRoot); }

std::string_view LambdaApi::operation(std::string_view method, std::string_view path) {
  std::string_view rest = path.substr(kRoot.size());
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  if (rest.find('/') != std::string_view::npos) return {};
  if (rest.empty()) {
    if (method == "POST") return "CreateEventSourceMapping";
    if (method == "GET") return "ListEventSourceMappings";
    return {};
  }
  if (method == "GET") return "GetEventSourceMapping";
  if (method == "PUT") return "UpdateEventSourceMapping";
  if (method == "DELETE") return "DeleteEventSourceMapping";
  return {};
}

ApiResponse LambdaApi::handle(const ApiRequest& request) const {
  std::string_view rest = request.path.substr(kRoot.size());
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  if (rest.find('/') != std::string_view::npos)
    return lambda_error(errors::make("UnknownOperationException", "Unknown operation", 404));
  const std::string uuid = url_decode(rest);

  // Signed like every AWS call (the signature itself is not checked); the
  // region comes from the credential scope.
  auto credentials = authenticate(request);
  if (!credentials.ok()) {
    Error e = credentials.error();
    e.status = 403;
    return lambda_error(e);
  }
  const std::string region =
      credentials.value().region.empty() ? default_region_ : credentials.value().region;
  operations::LambdaContext ctx{poller_, region, poller_.store().clock().now_ms()};

  nlohmann::json body = nlohmann::json::object();
  if (request.method == "POST" || request.method == "PUT") {
    if (!request.body.empty()) body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
      return lambda_error(
          errors::make("InvalidRequestContentException", "Could not parse request body into json"));
  }

  operations::LambdaOutput out = nlohmann::json(nullptr);
  int status = 200;
  try {
    if (uuid.empty() && request.method == "POST") {
      out = operations::create_event_source_mapping(ctx, body);
      status = 202;
    } else if (uuid.empty() && request.method == "GET") {
      operations::ListQuery q{
          query_param(request.query, "FunctionName"), query_param(request.query, "EventSourceArn"),
          query_param(request.query, "Marker"), query_param(request.query, "MaxItems")};
      out = operations::list_event_source_mappings(ctx, q);
    } else if (!uuid.empty() && request.method == "GET") {
      out = operations::get_event_source_mapping(ctx, uuid);
    } else if (!uuid.empty() && request.method == "PUT") {
      out = operations::update_event_source_mapping(ctx, uuid, body);
      status = 202;
    } else if (!uuid.empty() && request.method == "DELETE") {
      out = operations::delete_event_source_mapping(ctx, uuid);
      status = 202;
    } else {
      out = errors::make("UnknownOperationException", "Unknown operation", 404);
    }
  } catch (const std::exception& e) {
    spdlog::error("{} {} failed: {}", request.method, request.path, e.what());
    out = errors::make("ServiceException", "", 500);
  }
  if (!out.ok()) return lambda_error(out.error());
  return lambda_ok(status, out.value());
}

}  // namespace kinesisd::protocol
