// What every Kinesis operation sees and returns.
//
// An operation is one function: it gets the validated JSON input (the model's
// constraints already hold) and returns its Reply (protocol/reply.hpp), or
// the Error AWS would answer. The hot ones also read their simple form
// straight from the request body (FastFn).
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "faults/fault_engine.hpp"
#include "kinesis/log/stream_store.hpp"
#include "protocol/error.hpp"
#include "protocol/reply.hpp"
#include "protocol/signed_token.hpp"

namespace kinesisd::channels {
class ChannelRegistry;
}

namespace kinesisd::operations {

using nlohmann::json;
using protocol::Error;
using protocol::Reply;
namespace errors = protocol::errors;

class ControlPlaneQuotas;

struct Context {
  log::StreamStore& store;
  const protocol::SignedToken& signer;
  std::string region;  // from the request's credential scope, or the default
  int64_t now_ms = 0;
  // The request body's media type (JSON or CBOR): streamed events answer in it.
  std::string_view content_type = "application/x-amz-json-1.1";
  // A fault rule's "partial" that fired for this PutRecords call: that share
  // of its records fails (service/kinesis_api decides).
  const faults::Fired* partial_fault = nullptr;
  // --auth sigv4: whether the signer may use a stream's KMS key (its KeyId)
  // for "kms:GenerateDataKey" (puts) or "kms:Decrypt" (reads); the refusal
  // is KMSAccessDeniedException. Empty when authentication is off.
  std::function<std::optional<protocol::Error>(const std::string& action, const std::string& key_id,
                                               const std::string& stream_arn)>
      use_key{};

  // The caller's account: the signing identity's with --auth sigv4, else ""
  // (the store's one account).
  std::string caller_account{};
  // --limits aws: the rate quotas (DryRun's among them); null without.
  ControlPlaneQuotas* quotas = nullptr;
  // The stream the endpoint resolved for this call (service::Resolved), so
  // find_stream() does not look it up again; null when it resolved none.
  std::shared_ptr<log::Stream> resolved_stream{};
  // The channels (kinesis/channels); null when kinesisd has no S3 to deliver to.
  channels::ChannelRegistry* channels = nullptr;

  const std::string& account() const {
    return caller_account.empty() ? store.options().account_id : caller_account;
  }
};

using Output = protocol::Outcome<Reply>;
using OperationFn = Output (*)(Context&, const json& input);
struct PutRequest;  // record_input.hpp
// A hot operation's simple form read straight from the request body: false
// when the body is not in that form (the general path then parses and
// validates it). The endpoint authorizes what the request names
// (put_resource) before it runs (FastRunFn), as on the general path.
using FastReadFn = bool (*)(std::string_view body, PutRequest& out);
using FastRunFn = Output (*)(Context&, const PutRequest&);

struct Operation {
  std::string_view name;
  OperationFn run;
  FastReadFn read_fast = nullptr;
  FastRunFn run_fast = nullptr;
};

// The implementation of a Kinesis operation, or nullptr.
const Operation* find_operation(std::string_view name);

}  // namespace kinesisd::operations
