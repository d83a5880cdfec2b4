// What every operation sees and returns.
//
// An operation is one function: it gets the validated JSON input (the model's
// constraints already hold) and returns the output document, or the Error
// AWS would answer. A null output means an empty 200 body (void operations).
// A streaming operation returns an EventSource the transport drains instead.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "log/stream_store.hpp"
#include "protocol/error.hpp"
#include "protocol/event_source.hpp"
#include "protocol/signed_token.hpp"

namespace kinesisd::operations {

using nlohmann::json;
using protocol::Error;
namespace errors = protocol::errors;

struct Context {
  log::StreamStore& store;
  const protocol::SignedToken& signer;
  std::string region;  // from the request's credential scope, or the default
  int64_t now_ms = 0;
  // The request body's media type (JSON or CBOR): streamed events answer in it.
  std::string_view content_type = "application/x-amz-json-1.1";

  const std::string& account() const { return store.options().account_id; }
};

// What an operation answers: a JSON document, or a body it serialized itself
// (the hot paths build PutRecords and GetRecords responses directly). A null
// document means an empty 200 body.
struct Reply {
  Reply(json document) : doc(std::move(document)) {}  // NOLINT: implicit by design
  static Reply serialized(std::string body) {
    Reply r(nullptr);
    r.body = std::move(body);
    r.is_serialized = true;
    return r;
  }
  json doc;
  std::string body;
  bool is_serialized = false;
};

using Output = protocol::Outcome<Reply>;
using OperationFn = Output (*)(Context&, const json& input);

// Operations whose answer is an event stream (SubscribeToShard).
using StreamingOutput = protocol::Outcome<std::shared_ptr<protocol::EventSource>>;
using StreamingFn = StreamingOutput (*)(Context&, const json& input);

// A hot operation read straight from the request body; nullopt when the body
// is not in the simple form (the general path then parses and validates it).
using FastFn = std::optional<Output> (*)(Context&, std::string_view body);

// The implementation of a Kinesis operation, or nullptr.
OperationFn find_operation(std::string_view name);
FastFn find_fast_operation(std::string_view name);
StreamingFn find_streaming_operation(std::string_view name);

}  // namespace kinesisd::operations
