#include "service/aws_json_endpoint.hpp"

#include "protocol/auth.hpp"
#include "protocol/cbor.hpp"
#include "protocol/response.hpp"
#include "protocol/validator.hpp"

namespace kinesisd::service {
namespace {

using protocol::ApiRequest;
using protocol::ApiResponse;
using protocol::kAmzCbor;
using protocol::kAmzJson;
namespace errors = protocol::errors;

constexpr size_t kMaxJsonDepth = 64;

std::string_view media_type(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  if (semi != std::string_view::npos) content_type = content_type.substr(0, semi);
  while (!content_type.empty() && content_type.back() == ' ') content_type.remove_suffix(1);
  return content_type;
}

// The media type an answer is written in: the request's own when it is one
// the protocol speaks, else JSON.
std::string_view reply_type_of(std::string_view content_type) {
  return content_type == "application/json" || content_type == kAmzCbor ? content_type : kAmzJson;
}

// Nesting deeper than any shape of the models is refused before parsing, so
// hostile input cannot exhaust the stack.
bool too_deep(std::string_view body) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) return true;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return false;
}

ApiResponse reply_response(Outcome output, std::string_view reply_type,
                           const protocol::Shape* output_shape = nullptr) {
  if (!output.ok()) return protocol::error_response(output.error(), reply_type);
  ApiResponse response;
  response.status = 200;
  auto& reply = output.value();
  if (reply.streamed) {
    response.content_type = "application/vnd.amazon.eventstream";
    response.streamed = std::move(reply.streamed);
    return response;
  }
  response.content_type = std::string(reply_type);
  response.when_ready = std::move(reply.when_ready);
  if (reply_type == kAmzCbor) {
    // The operations answer in JSON; a body they serialized themselves is
    // read back once so the output shape can drive the CBOR encoding.
    if (reply.is_serialized) reply.doc = nlohmann::json::parse(reply.body);
    if (!reply.doc.is_null()) response.body = protocol::json_reply_to_cbor(reply.doc, output_shape);
  } else if (reply.is_serialized) {
    response.body = std::move(reply.body);
  } else if (!reply.doc.is_null()) {
    response.body = reply.doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return response;
}

}  // namespace

AwsJsonEndpoint::AwsJsonEndpoint(std::vector<const JsonApi*> apis, std::string default_region)
    : apis_(std::move(apis)), default_region_(std::move(default_region)) {}

std::string_view AwsJsonEndpoint::operation(const ApiRequest& request) const {
  const std::string_view target = request.header("X-Amz-Target");
  const size_t dot = target.find('.');
  return dot == std::string_view::npos ? std::string_view{} : target.substr(dot + 1);
}

ApiResponse AwsJsonEndpoint::internal_error(const ApiRequest& request) const {
  return protocol::error_response(
      errors::internal_failure(),
      media_type(request.header("Content-Type")) == kAmzCbor ? kAmzCbor : kAmzJson);
}

ApiResponse AwsJsonEndpoint::handle(const ApiRequest& request) const {
  if (request.method != "POST") return protocol::access_denied_xml();
  return post(request, media_type(request.header("Content-Type")));
}

ApiResponse AwsJsonEndpoint::post(const ApiRequest& request, std::string_view content_type) const {
  const std::string_view target = request.header("X-Amz-Target");
  const JsonApi* api = apis_.front();
  std::string_view operation;
  if (const size_t dot = target.find('.'); dot != std::string_view::npos) {
    for (const JsonApi* candidate : apis_)
      if (target.substr(0, dot) == candidate->model().target_prefix()) {
        api = candidate;
        operation = target.substr(dot + 1);
      }
  }
  const protocol::Model& model = api->model();
  const protocol::Shape* input_shape = operation.empty() ? nullptr : model.input(operation);
  const bool known = input_shape && api->implements(operation);

  const bool json_type = content_type == kAmzJson || content_type == "application/json";
  const bool cbor_type = content_type == kAmzCbor;
  const std::string_view reply_type = reply_type_of(content_type);
  if (request.body.empty())
    return protocol::error_response(
        known ? errors::make("SerializationException", "") : errors::unknown_operation(),
        reply_type);
  if (!json_type && !cbor_type)
    return target.empty() ? protocol::access_denied_xml() : protocol::unknown_operation_xml();

  auto caller = [&](const protocol::Credentials& c) {
    return Caller{c.region.empty() ? default_region_ : c.region, c.access_key, reply_type};
  };

  // The hot operations read the simple form straight from the body. A body the
  // fast reader accepts parses and validates on the general path too, so the
  // next check there would be authentication: the same order here.
  if (known && json_type && api->reads_fast(operation)) {
    auto credentials = protocol::authenticate(request);
    if (!credentials.ok()) return protocol::error_response(credentials.error(), reply_type);
    if (auto output = api->fast(operation, caller(credentials.value()), request.body))
      return reply_response(std::move(*output), reply_type);
  }

  nlohmann::json input;
  if (cbor_type) {
    if (auto decoded = protocol::cbor_decode(request.body)) input = std::move(*decoded);
  } else if (!too_deep(request.body)) {
    input = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  }
  if (input.is_discarded() || !input.is_object())
    return protocol::error_response(errors::make("SerializationException", ""), reply_type);
  if (!known) return protocol::error_response(errors::unknown_operation(), reply_type);
  if (cbor_type) protocol::cbor_request_to_json(input, *input_shape);

  auto credentials = protocol::authenticate(request);
  if (!credentials.ok()) return protocol::error_response(credentials.error(), reply_type);
  if (auto invalid = protocol::validate_input(*input_shape, input))
    return protocol::error_response(*invalid, reply_type);
  return reply_response(api->call(operation, caller(credentials.value()), input), reply_type,
                        model.output(operation));
}

}  // namespace kinesisd::service
