// The AWS JSON protocol (awsJson1_1, and its CBOR form): POST / with
// X-Amz-Target "<prefix>.<Operation>". The order of checks a request that is
// not a well-formed call meets is AWS's, written down at handle(): empty
// body, method and content type (XML answers), Coral's application/json
// envelope, unparsable body, unknown operation, authentication, the model's
// types and constraints (the one validator), then the operation. Each API
// spoken this way (Kinesis; others later) is a JsonApi, chosen by the
// target's prefix.
#pragma once

#include <any>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/mutex.hpp"
#include "endpoint/authorizer.hpp"
#include "endpoint/endpoint.hpp"
#include "protocol/error.hpp"
#include "protocol/model.hpp"
#include "protocol/reply.hpp"

namespace kinesisd::service {

// Who calls, as the request's signature says.
struct Caller {
  std::string region;  // the credential scope's, or the server's default
  std::string access_key;
  std::string_view content_type;  // the media type the reply is written in
  // --auth sigv4: the signing identity's account (the calls act in it); ""
  // with auth off, the server's one account.
  std::string account{};
  // --auth sigv4 on every path: whether the signer may use a stream's KMS key
  // (operations::Context::use_key).
  std::function<std::optional<protocol::Error>(const std::string& action, const std::string& key_id,
                                               const std::string& stream_arn)>
      use_key{};
};

using Outcome = protocol::Outcome<protocol::Reply>;

// How an answer goes out, beyond what it says (injected faults): held back
// and then sent, or not at all, the connection dropped.
struct Delivery {
  // Called with the function that sends the answer (ApiResponse::when_ready).
  std::function<void(std::function<void()> send)> defer;
  bool drop = false;
};

// What a call acts on, resolved once by the endpoint before it authorizes
// (general path): the resource an IAM policy sees, and what the API found on
// the way (its stream, say), handed back to call() so it does not look again.
struct Resolved {
  std::string resource_arn = "*";  // an ARN, or "*" for calls on the account
  std::any found;                  // the API's own
};

// One API spoken in the JSON protocol: its model and its operations.
class JsonApi {
 public:
  virtual ~JsonApi() = default;
  virtual const protocol::Model& model() const = 0;
  // Whether the API serves the operation (the model may list more).
  virtual bool implements(std::string_view operation) const = 0;
  // Whether the operation reads its simple form straight from the body.
  virtual bool reads_fast(std::string_view) const { return false; }
  // The fast path in the general path's steps: the body read in its simple
  // form, resolved to what it acts on (nullopt: not that form, the general
  // path takes it); the endpoint authorizes that, then call_fast() runs it.
  virtual std::optional<Resolved> read_fast(std::string_view, const Caller&,
                                            std::string_view) const {
    return std::nullopt;
  }
  // REQUIRES: `read` is read_fast()'s answer for this call, whose body is
  // still alive (the read request may view it).
  virtual Outcome call_fast(std::string_view, const Caller&, const Resolved&) const {
    return protocol::errors::internal_failure();
  }
  // REQUIRES: implements(operation), `input` valid against the model.
  // What the call acts on; looked up once, before the call is authorized.
  virtual Resolved resolve(std::string_view, const Caller&, const nlohmann::json&) const {
    return {};
  }
  // REQUIRES: as resolve(), and `resolved` is its answer for this call. Sets
  // `delivery` when the answer is to go out otherwise than at once.
  virtual Outcome call(std::string_view operation, const Caller& caller,
                       const nlohmann::json& input, const Resolved& resolved,
                       Delivery& delivery) const = 0;
  // The tags of the resource an ARN names (aws:ResourceTag/...); none when
  // it names nothing that is tagged.
  virtual std::map<std::string, std::string> resource_tags(const std::string&) const { return {}; }
  // The resource-based policy of the resource an ARN names (JSON text), ""
  // for none.
  virtual std::string resource_policy(const std::string&) const { return {}; }
};

class AwsJsonEndpoint final : public Endpoint {
 public:
  // With an authorizer (--auth sigv4) every call's signature is verified and
  // its action authorized; without one any credentials do.
  AwsJsonEndpoint(std::vector<const JsonApi*> apis, std::string default_region,
                  const Authorizer* authorizer = nullptr);

  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;
  std::string_view operation(const protocol::ApiRequest& request) const override;
  protocol::ApiResponse internal_error(const protocol::ApiRequest& request) const override;

 private:
  // What X-Amz-Target names.
  struct Target {
    std::string_view service, operation;     // either may be empty
    const JsonApi* api = nullptr;            // the API whose prefix is `service`
    const protocol::Shape* input = nullptr;  // set when `api` serves `operation`
  };
  Target target_of(const protocol::ApiRequest& request) const;
  protocol::ApiResponse unattributed(const protocol::ApiRequest& request,
                                     const Target& target) const;
  protocol::ApiResponse coral_envelope(std::string_view body) const;
  protocol::ApiResponse call(const protocol::ApiRequest& request, const Target& target,
                             std::string_view content_type) const;
  // The condition keys of a call (--auth sigv4): the global ones, the tags
  // the input sets or removes (aws:RequestTag/..., aws:TagKeys; none on the
  // fast path, whose operations take no tags) and, when a condition asks,
  // the resource's tags.
  iam::RequestContext request_context(const protocol::ApiRequest& request, const Target& target,
                                      const iam::Identity& identity, const std::string& region,
                                      const std::string& resource,
                                      const nlohmann::json* input) const;
  // --auth sigv4, both paths: whether `identity` may call the operation on
  // `resource` (the refusal, or nullopt); when it may, `caller` gets the KMS
  // key check the operation runs later (Caller::use_key).
  std::optional<protocol::Error> authorize(const protocol::ApiRequest& request,
                                           const Target& target, const iam::Identity* identity,
                                           const std::string& resource, const nlohmann::json* input,
                                           Caller& caller) const;

  std::vector<const JsonApi*> apis_;
  std::string default_region_;
  const Authorizer* authorizer_;
};

}  // namespace kinesisd::service
