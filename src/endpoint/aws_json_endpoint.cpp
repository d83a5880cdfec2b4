#include "endpoint/aws_json_endpoint.hpp"

#include "protocol/auth.hpp"
#include "protocol/cbor.hpp"
#include "protocol/json_text.hpp"
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

constexpr std::string_view kCoralJson = "application/json";

// The media type of a Content-Type header, without parameters or spaces.
std::string_view media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && content_type.front() == ' ') content_type.remove_prefix(1);
  while (!content_type.empty() && content_type.back() == ' ') content_type.remove_suffix(1);
  return content_type;
}

// Nesting deeper than any shape of the models is refused before parsing, so
// hostile input cannot exhaust the stack.
bool too_deep(std::string_view body) {
  size_t depth = 0;
  return protocol::walk_brackets(body, 0, [&depth](char c, size_t) {
           if (c == '{' || c == '[') return ++depth <= kMaxJsonDepth;
           if (depth > 0) --depth;
           return true;
         }) != std::string_view::npos;
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

// The IAM action of a call: "kinesis:PutRecord", "firehose:PutRecordBatch"
// (the target's service, lower case).
std::string action_of(std::string_view service, std::string_view operation) {
  std::string action(service.substr(0, service.find('_')));
  for (auto& c : action) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  action.append(":").append(operation);
  return action;
}

}  // namespace

AwsJsonEndpoint::AwsJsonEndpoint(std::vector<const JsonApi*> apis, std::string default_region,
                                 const Authorizer* authorizer)
    : apis_(std::move(apis)), default_region_(std::move(default_region)), authorizer_(authorizer) {}

AwsJsonEndpoint::Target AwsJsonEndpoint::target_of(const ApiRequest& request) const {
  // "Service.Operation"; what follows a second dot is not part of either.
  const std::string_view header = request.header("X-Amz-Target");
  Target t;
  const size_t dot = header.find('.');
  t.service = header.substr(0, dot);
  if (dot != std::string_view::npos) {
    t.operation = header.substr(dot + 1);
    t.operation = t.operation.substr(0, t.operation.find('.'));
  }
  for (const JsonApi* api : apis_)
    if (!t.service.empty() && t.service == api->model().target_prefix()) t.api = api;
  if (t.api && !t.operation.empty() && t.api->implements(t.operation))
    t.input = t.api->model().input(t.operation);
  return t;
}

std::string_view AwsJsonEndpoint::operation(const ApiRequest& request) const {
  const Target t = target_of(request);
  return t.input ? t.operation : std::string_view{};
}

ApiResponse AwsJsonEndpoint::internal_error(const ApiRequest& request) const {
  return protocol::error_response(
      errors::internal_failure(),
      media_type(request.header("Content-Type")) == kAmzCbor ? kAmzCbor : kAmzJson);
}

// AWS's order of checks for what reaches the JSON protocol (kinesalite's
// test/connection.js, whose cases were checked against AWS):
//   1. POST with an empty body: 400 SerializationException when the target is
//      an operation, else UnknownOperationException; JSON when the content
//      type is amz-json-1.1, CBOR for any other.
//   2. Another method, or a content type that is none of amz-json-1.1,
//      amz-cbor-1.1 and application/json: an XML answer (unattributed()).
//   3. application/json: Coral's old envelope, 200, never an operation.
//   4. amz-json-1.1 / amz-cbor-1.1: the body must be an object
//      (SerializationException), the target an operation
//      (UnknownOperationException), then authentication, the model's types
//      and constraints, and the operation itself (call()).
ApiResponse AwsJsonEndpoint::handle(const ApiRequest& request) const {
  const std::string_view type = media_type(request.header("Content-Type"));
  const Target target = target_of(request);
  const bool post = request.method == "POST";
  if (post && request.body.empty())
    return protocol::error_response(
        target.input ? errors::make("SerializationException", "") : errors::unknown_operation(),
        type == kAmzJson ? kAmzJson : kAmzCbor);
  if (!post || (type != kAmzJson && type != kAmzCbor && type != kCoralJson))
    return unattributed(request, target);
  if (type == kCoralJson) return coral_envelope(request.body);
  return call(request, target, type);
}

// Requests AWS cannot take for a call of the JSON protocol are answered in
// XML, 403 unless said otherwise, without a Content-Type: first whatever is
// wrong with the signature, then the target.
ApiResponse AwsJsonEndpoint::unattributed(const ApiRequest& request, const Target& target) const {
  auto credentials = protocol::authenticate(request);
  if (!credentials.ok()) return protocol::xml_error_response(credentials.error(), 403);
  if (target.service.empty() || target.operation.empty())
    return protocol::xml_error_response(
        errors::make("AccessDeniedException",
                     "Unable to determine service/operation name to be authorized"),
        403);
  if (!target.api)
    return protocol::xml_error_response(
        errors::make(
            "UnrecognizedClientException",
            "No authorization strategy was found for service: " + std::string(target.service) +
                ", operation: " + std::string(target.operation)),
        403);
  if (!target.input) return protocol::xml_error_response(errors::internal_failure(), 500);
  return protocol::xml_error_response(errors::unknown_operation(), 404);
}

// application/json is Coral's older JSON envelope: AWS answers 200 with the
// error inside and never runs the operation. Without a message the envelope
// has no message key at all: {"Output":{"__type":"com.amazon.coral.service#
// UnknownOperationException"},"Version":"1.0"}, as AWS's Coral front ends
// answer it in every capture we found (Bedrock's, quoted in the Anthropic
// SDK's Bedrock adapter; Glue's and Cognito's in their users' notes).
ApiResponse AwsJsonEndpoint::coral_envelope(std::string_view body) const {
  ApiResponse response;
  response.status = 200;
  response.content_type = std::string(kCoralJson);
  const auto input = too_deep(body) ? nlohmann::json(nlohmann::json::value_t::discarded)
                                    : nlohmann::json::parse(body, nullptr, false);
  response.body =
      input.is_object()
          ? R"({"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"})"
          : R"({"Output":{"__type":"com.amazon.coral.service#SerializationException"},"Version":"1.0"})";
  return response;
}

iam::RequestContext AwsJsonEndpoint::request_context(
    const ApiRequest& request, const Target& target, const iam::Identity& identity,
    const std::string& region, const std::string& resource, const nlohmann::json* input) const {
  auto context = Authorizer::context(identity, request, region);
  if (!identity.reads_context) return context;
  if (resource != "*")
    context.resource_tags([api = target.api, resource] { return api->resource_tags(resource); });
  if (!input) return context;
  // Kinesis takes Tags as a map (AddTagsToStream, CreateStream, TagResource),
  // Firehose as a list of Key/Value objects; both remove by TagKeys.
  std::vector<std::string> keys;
  if (auto tags = input->find("Tags"); tags != input->end()) {
    if (tags->is_object()) {
      for (const auto& [key, value] : tags->items()) {
        keys.push_back(key);
        if (value.is_string()) context.set("aws:RequestTag/" + key, value.get<std::string>());
      }
    } else if (tags->is_array()) {
      for (const auto& tag : *tags) {
        if (!tag.is_object() || !tag.contains("Key") || !tag["Key"].is_string()) continue;
        const std::string key = tag["Key"].get<std::string>();
        keys.push_back(key);
        context.set("aws:RequestTag/" + key, tag.contains("Value") && tag["Value"].is_string()
                                                 ? tag["Value"].get<std::string>()
                                                 : std::string());
      }
    }
  }
  if (auto removed = input->find("TagKeys"); removed != input->end() && removed->is_array())
    for (const auto& key : *removed)
      if (key.is_string()) keys.push_back(key.get<std::string>());
  if (!keys.empty()) context.set("aws:TagKeys", std::move(keys));
  return context;
}

std::optional<protocol::Error> AwsJsonEndpoint::authorize(
    const ApiRequest& request, const Target& target, const iam::Identity* identity,
    const std::string& resource, const nlohmann::json* input, Caller& caller) const {
  if (auto denied = authorizer_->authorize(
          *identity, action_of(target.service, target.operation), resource,
          request_context(request, target, *identity, caller.region, resource, input),
          target.api->resource_policy(resource)))
    return denied;
  caller.use_key = [this, &request, identity, region = caller.region](
                       const std::string& action, const std::string& key_id,
                       const std::string& stream_arn) {
    return authorizer_->authorize_key(*identity, action, key_id, stream_arn,
                                      Authorizer::context(*identity, request, region));
  };
  return std::nullopt;
}

ApiResponse AwsJsonEndpoint::call(const ApiRequest& request, const Target& target,
                                  std::string_view content_type) const {
  const bool cbor_type = content_type == kAmzCbor;
  auto caller = [&](const protocol::Credentials& c) {
    return Caller{c.region.empty() ? default_region_ : c.region, c.access_key, content_type,
                  authorizer_ ? authorizer_->account_of(c.access_key) : std::string()};
  };

  // The hot operations read the simple form straight from the body. A body the
  // fast reader accepts parses and validates on the general path too, so the
  // next check there would be authentication: the same order here. With
  // --auth sigv4 the signature is verified and the call authorized once the
  // reader has accepted the body and named its stream, as the general path
  // does after validation. A body it refuses goes on to the general path
  // unverified, which checks it there once, in AWS's order.
  if (target.input && !cbor_type && target.api->reads_fast(target.operation)) {
    auto credentials = protocol::authenticate(request);
    if (!credentials.ok()) return protocol::error_response(credentials.error(), content_type);
    Caller fast_caller = caller(credentials.value());
    if (auto read = target.api->read_fast(target.operation, fast_caller, request.body)) {
      if (authorizer_) {
        auto verified = authorizer_->verify(request);
        if (!verified.ok()) return protocol::error_response(verified.error(), content_type);
        if (auto denied = authorize(request, target, verified.value(), read->resource_arn, nullptr,
                                    fast_caller))
          return protocol::error_response(*denied, content_type);
      }
      return reply_response(target.api->call_fast(target.operation, fast_caller, *read),
                            content_type);
    }
  }

  nlohmann::json input;
  if (cbor_type) {
    if (auto decoded = protocol::cbor_decode(request.body)) input = std::move(*decoded);
  } else if (!too_deep(request.body)) {
    input = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  }
  if (input.is_discarded() || !input.is_object())
    return protocol::error_response(errors::make("SerializationException", ""), content_type);
  if (!target.input) return protocol::error_response(errors::unknown_operation(), content_type);
  if (cbor_type) protocol::cbor_request_to_json(input, *target.input);

  auto credentials = protocol::authenticate(request);
  if (!credentials.ok()) return protocol::error_response(credentials.error(), content_type);
  const iam::Identity* identity = nullptr;
  if (authorizer_) {
    auto verified = authorizer_->verify(request);
    if (!verified.ok()) return protocol::error_response(verified.error(), content_type);
    identity = verified.value();
  }
  if (auto invalid = protocol::validate_and_truncate(*target.input, input))
    return protocol::error_response(*invalid, content_type);
  Caller signer = caller(credentials.value());
  // Resolved once: the authorization and the call both use it.
  const Resolved resolved = target.api->resolve(target.operation, signer, input);
  if (identity)
    if (auto denied = authorize(request, target, identity, resolved.resource_arn, &input, signer))
      return protocol::error_response(*denied, content_type);
  Delivery delivery;
  auto response =
      reply_response(target.api->call(target.operation, signer, input, resolved, delivery),
                     content_type, target.api->model().output(target.operation));
  response.drop = delivery.drop;
  if (delivery.defer) {  // held back, then whatever the answer waits for itself
    response.when_ready = [defer = std::move(delivery.defer),
                           inner = std::move(response.when_ready)](std::function<void()> send) {
      defer([inner, send = std::move(send)]() mutable {
        if (inner)
          inner(std::move(send));
        else
          send();
      });
    };
  }
  return response;
}

}  // namespace kinesisd::service
