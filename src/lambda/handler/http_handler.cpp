#include "lambda/handler/http_handler.hpp"

#include <nlohmann/json.hpp>

#include "network/http_client.hpp"

namespace kinesisd::handler {

HttpHandler::HttpHandler(std::string name, HttpSpec spec)
    : name_(std::move(name)), spec_(std::move(spec)) {
  if (spec_.url.rfind("http://", 0) != 0)
    throw std::runtime_error("url must start with http:// (got \"" + spec_.url + "\")");
  if (!network::parse_url(spec_.url))
    throw std::runtime_error("url has no usable host and port: \"" + spec_.url + "\"");
}

Invocation HttpHandler::invoke(std::string_view event, const std::atomic<bool>& cancel) {
  network::HttpRequest request;
  request.url = spec_.url;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = std::string(event);
  request.timeout = spec_.timeout;
  request.body_limit = 6 * 1024 * 1024;
  const auto response = network::fetch(std::move(request), cancel);
  if (response.status == 0) {
    if (cancel.load()) return Invocation::function_error("cancelled at shutdown");
    return Invocation::function_error(response.error);
  }
  const int status = response.status;
  if (status < 200 || status > 299)
    return Invocation::function_error("HTTP " + std::to_string(status) + ": " +
                                      response.body.substr(0, 200));
  if (response.header("X-Amz-Function-Error"))
    return Invocation::function_error(response.body.substr(0, 500));
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("errorMessage") && body.contains("errorType"))
    return Invocation::function_error(response.body.substr(0, 500));
  return Invocation::ok(response.body);
}

}  // namespace kinesisd::handler
