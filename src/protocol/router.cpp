#include "protocol/router.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "operations/operation.hpp"
#include "protocol/auth.hpp"
#include "protocol/cbor.hpp"
#include "protocol/model.hpp"
#include "protocol/response.hpp"
#include "protocol/validator.hpp"

namespace kinesisd::protocol {
namespace {

constexpr size_t kMaxJsonDepth = 64;

std::string_view media_type(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  if (semi != std::string_view::npos) content_type = content_type.substr(0, semi);
  while (!content_type.empty() && content_type.back() == ' ') content_type.remove_suffix(1);
  return content_type;
}

// Nesting deeper than any Kinesis shape is refused before parsing, so hostile
// input cannot exhaust the stack.
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

ApiResponse stream_response(operations::StreamingFn fn, operations::Context& ctx,
                            const nlohmann::json& input, std::string_view operation,
                            std::string_view reply_type) {
  operations::StreamingOutput output = errors::internal_failure();
  try {
    output = fn(ctx, input);
  } catch (const std::exception& e) {
    spdlog::error("{} failed: {}", operation, e.what());
  }
  if (!output.ok()) return error_response(output.error(), reply_type);
  ApiResponse response;
  response.status = 200;
  response.content_type = "application/vnd.amazon.eventstream";
  response.events = std::move(output.value());
  return response;
}

ApiResponse reply_response(operations::Output output, std::string_view reply_type,
                           const Shape* output_shape = nullptr) {
  if (!output.ok()) return error_response(output.error(), reply_type);
  ApiResponse response;
  response.status = 200;
  response.content_type = std::string(reply_type);
  auto& reply = output.value();
  if (reply_type == kAmzCbor) {
    // The operations answer in JSON; a body they serialized themselves is
    // read back once so the output shape can drive the CBOR encoding.
    if (reply.is_serialized) reply.doc = nlohmann::json::parse(reply.body);
    if (!reply.doc.is_null()) response.body = json_reply_to_cbor(reply.doc, output_shape);
  } else if (reply.is_serialized)
    response.body = std::move(reply.body);
  else if (!reply.doc.is_null())
    response.body = reply.doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace

Router::Router(log::StreamStore& store, const SignedToken& signer, std::string default_region)
    : store_(store), signer_(signer), default_region_(std::move(default_region)) {}

void Router::attach(poller::Poller& poller) {
  lambda_ = std::make_unique<LambdaApi>(poller, default_region_);
}

void Router::observe(observability::RequestMetrics& metrics,
                     const observability::AdminEndpoints& admin) {
  metrics_ = &metrics;
  admin_ = &admin;
}

ApiResponse Router::handle(const ApiRequest& request) const {
  if (admin_ && observability::AdminEndpoints::handles(request)) return admin_->handle(request);
  if (clock_control_ && ClockControl::handles(request)) return clock_control_->handle(request);
  const auto started = std::chrono::steady_clock::now();
  ApiResponse response;
  std::string_view operation;
  if (lambda_ && request.method != "OPTIONS" && LambdaApi::handles(request.path)) {
    operation = LambdaApi::operation(request.method, request.path);
    response = lambda_->handle(request);
  } else if (request.method == "OPTIONS") {
    response.status = 200;
    response.headers.emplace_back("Access-Control-Allow-Origin", "*");
    response.headers.emplace_back("Access-Control-Max-Age", "172800");
    if (auto h = request.header("Access-Control-Request-Headers"); !h.empty())
      response.headers.emplace_back("Access-Control-Allow-Headers", std::string(h));
    if (auto m = request.header("Access-Control-Request-Method"); !m.empty())
      response.headers.emplace_back("Access-Control-Allow-Methods", std::string(m));
  } else if (request.method != "POST") {
    response = access_denied_xml();
  } else {
    const std::string_view content_type = media_type(request.header("Content-Type"));
    try {
      response = kinesis(request, content_type);
    } catch (const std::exception& e) {
      // A bug must cost one request, never the connection or the server.
      spdlog::error("request failed: {}", e.what());
      response = error_response(errors::internal_failure(),
                                content_type == kAmzCbor ? kAmzCbor : kAmzJson);
    }
  }
  add_request_ids(response);
  add_cors(request, response);
  if (metrics_) {
    if (operation.empty()) {
      const std::string_view target = request.header("X-Amz-Target");
      if (const size_t dot = target.find('.'); dot != std::string_view::npos)
        operation = target.substr(dot + 1);
    }
    const auto elapsed = std::chrono::steady_clock::now() - started;
    metrics_->record(operation, response.status, elapsed);
    if (spdlog::should_log(spdlog::level::debug))
      spdlog::debug("{} {} {} -> {} in {} us", request.method, request.path,
                    operation.empty() ? "-" : operation, response.status,
                    std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
  }
  return response;
}

ApiResponse Router::kinesis(const ApiRequest& request, std::string_view content_type) const {
  const Model& model = Model::kinesis();
  const std::string_view target = request.header("X-Amz-Target");
  std::string_view operation;
  if (const size_t dot = target.find('.');
      dot != std::string_view::npos && target.substr(0, dot) == model.target_prefix())
    operation = target.substr(dot + 1);
  const Shape* input_shape = operation.empty() ? nullptr : model.input(operation);
  const auto op_fn = input_shape ? operations::find_operation(operation) : nullptr;
  const auto streaming_fn =
      input_shape && !op_fn ? operations::find_streaming_operation(operation) : nullptr;
  const bool known = op_fn != nullptr || streaming_fn != nullptr;

  const bool json_type = content_type == kAmzJson || content_type == "application/json";
  const bool cbor_type = content_type == kAmzCbor;
  const std::string_view reply_type =
      content_type == "application/json" || cbor_type ? content_type : kAmzJson;
  if (request.body.empty())
    return error_response(
        known ? errors::make("SerializationException", "") : errors::unknown_operation(),
        reply_type);
  if (!json_type && !cbor_type)
    return target.empty() ? access_denied_xml() : unknown_operation_xml();

  // The hot operations read the simple form straight from the body. A body the
  // fast reader accepts parses and validates on the general path too, so the
  // next check there would be authentication: the same order here.
  if (const auto fast_fn =
          op_fn && json_type ? operations::find_fast_operation(operation) : nullptr) {
    auto credentials = authenticate(request);
    if (!credentials.ok()) return error_response(credentials.error(), reply_type);
    operations::Context ctx{
        store_, signer_,
        credentials.value().region.empty() ? default_region_ : credentials.value().region,
        store_.clock().now_ms()};
    std::optional<operations::Output> output;
    try {
      output = fast_fn(ctx, request.body);
    } catch (const std::exception& e) {
      spdlog::error("{} failed: {}", operation, e.what());
      output = operations::Output(errors::internal_failure());
    }
    if (output) return reply_response(std::move(*output), reply_type);
  }

  nlohmann::json input;
  if (cbor_type) {
    if (auto decoded = cbor_decode(request.body)) input = std::move(*decoded);
  } else if (!too_deep(request.body)) {
    input = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  }
  if (input.is_discarded() || !input.is_object())
    return error_response(errors::make("SerializationException", ""), reply_type);
  if (!known) return error_response(errors::unknown_operation(), reply_type);
  if (cbor_type) cbor_request_to_json(input, *input_shape);

  auto credentials = authenticate(request);
  if (!credentials.ok()) return error_response(credentials.error(), reply_type);
  if (auto invalid = validate_input(*input_shape, input))
    return error_response(*invalid, reply_type);

  operations::Context ctx{
      store_, signer_,
      credentials.value().region.empty() ? default_region_ : credentials.value().region,
      store_.clock().now_ms()};
  ctx.content_type = reply_type;
  if (streaming_fn) return stream_response(streaming_fn, ctx, input, operation, reply_type);
  operations::Output output = nlohmann::json(nullptr);
  try {
    output = op_fn(ctx, input);
  } catch (const std::exception& e) {
    spdlog::error("{} failed: {}", operation, e.what());
    output = errors::internal_failure();
  }
  return reply_response(std::move(output), reply_type, model.output(operation));
}

}  // namespace kinesisd::protocol
