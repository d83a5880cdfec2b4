#include "lambda/lambda_endpoint.hpp"

#include "lambda/mappings/event_source_mappings.hpp"
#include "lambda/rest_api.hpp"
#include "protocol/arn.hpp"
#include "protocol/auth.hpp"
#include "protocol/query_string.hpp"

namespace kinesisd::service {

using protocol::errors::make;

std::string_view LambdaEndpoint::operation(const protocol::ApiRequest& request) const {
  const auto route = lambda::route(request.method, request.path);
  return route ? lambda::operation_name(route->call) : std::string_view{};
}

protocol::ApiResponse LambdaEndpoint::internal_error(const protocol::ApiRequest&) const {
  return lambda::render_error(make("ServiceException", "", 500));
}

protocol::ApiResponse LambdaEndpoint::handle(const protocol::ApiRequest& request) const {
  const auto unknown = make("UnknownOperationException", "Unknown operation", 404);
  const auto route = lambda::route(request.method, request.path);
  if (!route) return lambda::render_error(unknown);

  auto credentials = protocol::authenticate(request);
  if (!credentials.ok()) {
    auto e = credentials.error();
    e.status = 403;
    return lambda::render_error(e);
  }
  const std::string region =
      credentials.value().region.empty() ? default_region_ : credentials.value().region;
  // The signing identity's account with --auth sigv4 (its mappings), else the server's.
  const std::string account =
      authorizer_ ? authorizer_->account_of(credentials.value().access_key) : std::string();
  if (authorizer_) {
    auto verified = authorizer_->verify(request);
    if (!verified.ok()) {
      auto e = verified.error();
      e.status = 403;
      return lambda::render_error(e);
    }
    const bool one = route->call == lambda::Call::kGet || route->call == lambda::Call::kUpdate ||
                     route->call == lambda::Call::kDelete;
    std::string resource =
        one ? protocol::mapping_arn(region, account.empty() ? account_id_ : account, route->uuid)
            : "*";
    if (!route->resource.empty()) resource = route->resource;  // the tag calls' ARN
    const std::string action = "lambda:" + std::string(lambda::operation_name(route->call));
    if (auto denied =
            authorizer_->authorize(*verified.value(), action, resource,
                                   Authorizer::context(*verified.value(), request, region))) {
      denied->status = 403;  // Lambda's AccessDeniedException is a 403
      return lambda::render_error(*denied);
    }
  }
  lambda::Context ctx{poller_, region, poller_.store().clock().now_ms(), journal_, account};

  nlohmann::json body = nlohmann::json::object();
  if (request.method == "POST" || request.method == "PUT") {
    if (!request.body.empty()) body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
      return lambda::render_error(
          make("InvalidRequestContentException", "Could not parse request body into json"));
  }

  lambda::Output out = nlohmann::json(nullptr);
  switch (route->call) {
    case lambda::Call::kNone:
      return lambda::render_error(unknown);
    case lambda::Call::kCreate:
      out = lambda::create_event_source_mapping(ctx, body);
      break;
    case lambda::Call::kList:
      out = lambda::list_event_source_mappings(
          ctx, {protocol::query_param(request.query, "FunctionName"),
                protocol::query_param(request.query, "EventSourceArn"),
                protocol::query_param(request.query, "Marker"),
                protocol::query_param(request.query, "MaxItems")});
      break;
    case lambda::Call::kGet:
      out = lambda::get_event_source_mapping(ctx, route->uuid);
      break;
    case lambda::Call::kUpdate:
      out = lambda::update_event_source_mapping(ctx, route->uuid, body);
      break;
    case lambda::Call::kDelete:
      out = lambda::delete_event_source_mapping(ctx, route->uuid);
      break;
    case lambda::Call::kTagResource:
      out = lambda::tag_resource(ctx, route->resource, body);
      break;
    case lambda::Call::kUntagResource:
      out = lambda::untag_resource(ctx, route->resource,
                                   protocol::query_params(request.query, "tagKeys"));
      break;
    case lambda::Call::kListTags:
      out = lambda::list_tags(ctx, route->resource);
      break;
  }
  if (!out.ok()) return lambda::render_error(out.error());
  return lambda::render(lambda::success_status(route->call), out.value());
}

}  // namespace kinesisd::service
