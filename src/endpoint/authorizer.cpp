#include "endpoint/authorizer.hpp"

#include <spdlog/spdlog.h>
#include <chrono>

#include "protocol/arn.hpp"
#include "protocol/sigv4.hpp"
#include "protocol/utc_time.hpp"

namespace kinesisd::service {
namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Why a call is refused, in the words of the IAM User Guide's "Access denied
// error messages".
enum class Why { kIdentityDeny, kResourceDeny, kNoIdentityAllow, kNoResourceAllow };

protocol::Error refusal(const iam::Identity& identity, const std::string& action,
                        const std::string& resource, Why why) {
  std::string message = "User: " + identity.arn() + " is not authorized to perform: " + action +
                        " on resource: " + resource;
  switch (why) {
    case Why::kIdentityDeny:
      message += " with an explicit deny in an identity-based policy";
      break;
    case Why::kResourceDeny:
      message += " with an explicit deny in a resource-based policy";
      break;
    case Why::kNoIdentityAllow:
      message += " because no identity-based policy allows the " + action + " action";
      break;
    case Why::kNoResourceAllow:
      message += " because no resource-based policy allows the " + action + " action";
      break;
  }
  return protocol::errors::make("AccessDeniedException", std::move(message));
}

// The account field of an ARN (arn:partition:service:region:ACCOUNT:...), or
// "" for "*" and anything else.
std::string_view account_of_arn(std::string_view arn) {
  if (arn.rfind("arn:", 0) != 0) return {};
  size_t at = 0;
  for (int field = 0; field < 4; ++field) {
    at = arn.find(':', at);
    if (at == std::string_view::npos) return {};
    ++at;
  }
  const size_t end = arn.find(':', at);
  return end == std::string_view::npos ? std::string_view{} : arn.substr(at, end - at);
}

}  // namespace

protocol::Outcome<const iam::Identity*> Authorizer::verify(
    const protocol::ApiRequest& request) const {
  const auto by = protocol::signed_by(request);
  const iam::Identity* identity = identities_.find(by.access_key);
  const auto unrecognized = protocol::errors::make(
      "UnrecognizedClientException", "The security token included in the request is invalid.");
  if (!identity) return unrecognized;
  if (identity->session_token != by.session_token) return unrecognized;
  if (auto bad = protocol::verify_signature(request, identity->secret_access_key, now_ms()))
    return *bad;
  return identity;
}

iam::RequestContext Authorizer::context(const iam::Identity& identity,
                                        const protocol::ApiRequest& request,
                                        const std::string& region) {
  iam::RequestContext c;
  if (!identity.reads_context) return c;
  c.set("aws:PrincipalArn", identity.arn());
  c.set("aws:PrincipalAccount", identity.account_id);
  c.set("aws:PrincipalType", std::string("User"));
  c.set("aws:username", identity.user);
  c.set("aws:RequestedRegion", region);
  const int64_t now = now_ms();
  c.set("aws:CurrentTime", protocol::utc_format(now, "%Y-%m-%dT%H:%M:%SZ"));
  c.set("aws:EpochTime", std::to_string(now / 1000));
  c.set("aws:SecureTransport", std::string(request.secure ? "true" : "false"));
  if (!request.source_ip.empty()) c.set("aws:SourceIp", std::string(request.source_ip));
  c.set("aws:ViaAWSService", std::string("false"));
  return c;
}

std::shared_ptr<const iam::ResourcePolicy> Authorizer::parsed(const std::string& text) const {
  base::MutexLock lock(cache_mu_);
  if (auto it = cache_.find(text); it != cache_.end()) return it->second;
  std::shared_ptr<const iam::ResourcePolicy> policy;
  try {
    policy = std::make_shared<const iam::ResourcePolicy>(
        iam::parse_resource_policy(nlohmann::json::parse(text)));
  } catch (const std::exception& e) {
    spdlog::warn("a resource policy grants nothing: kinesisd cannot read it ({})", e.what());
  }
  if (cache_.size() >= 4096) cache_.clear();  // bounded: policies seldom change
  cache_.emplace(text, policy);
  return policy;
}

std::optional<protocol::Error> Authorizer::authorize(const iam::Identity& identity,
                                                     const std::string& action,
                                                     const std::string& resource,
                                                     const iam::RequestContext& context,
                                                     const std::string& resource_policy) const {
  const auto decision = iam::evaluate(identity.policies, action, resource, context);
  if (decision == iam::Decision::kExplicitDeny)
    return refusal(identity, action, resource, Why::kIdentityDeny);
  const std::string_view owner = account_of_arn(resource);
  const bool same_account = owner.empty() || owner == identity.account_id;
  iam::ResourceDecision by_resource;
  if (!resource_policy.empty())
    if (const auto policy = parsed(resource_policy))
      by_resource =
          iam::evaluate(*policy, {identity.account_id, identity.arn()}, action, resource, context);
  if (by_resource.explicit_deny) return refusal(identity, action, resource, Why::kResourceDeny);
  const bool identity_allows = decision == iam::Decision::kAllow;
  if (same_account) {
    // A grant to the account itself leaves the decision to its identity policies.
    if (identity_allows || by_resource.grant == iam::Grant::kPrincipal) return std::nullopt;
    return refusal(identity, action, resource, Why::kNoIdentityAllow);
  }
  if (!identity_allows) return refusal(identity, action, resource, Why::kNoIdentityAllow);
  if (by_resource.grant == iam::Grant::kNone)
    return refusal(identity, action, resource, Why::kNoResourceAllow);
  return std::nullopt;
}

std::optional<protocol::Error> Authorizer::authorize_key(const iam::Identity& identity,
                                                         const std::string& action,
                                                         const std::string& key_id,
                                                         const std::string& stream_arn,
                                                         iam::RequestContext context) const {
  const auto stream = protocol::parse_stream_arn(stream_arn);
  const auto resolved = aliases_.resolve(key_id, stream ? stream->region : std::string(),
                                         stream ? stream->account : std::string());
  if (resolved.request_alias == "alias/aws/kinesis") return std::nullopt;  // AWS managed
  const std::string& key = resolved.arn;
  // What Kinesis passes KMS on the caller's behalf ("Kinesis Data Streams
  // encryption context", Kinesis Developer Guide; kms:ViaService,
  // kms:CallerAccount, kms:RequestAlias and kms:ResourceAliases, the KMS
  // Developer Guide's condition keys).
  if (resolved.request_alias) context.set("kms:RequestAlias", *resolved.request_alias);
  if (!resolved.aliases.empty()) context.set("kms:ResourceAliases", resolved.aliases);
  context.set("kms:EncryptionContext:aws:kinesis:arn", stream_arn);
  context.set("kms:EncryptionContextKeys", std::string("aws:kinesis:arn"));
  context.set("kms:CallerAccount", identity.account_id);
  if (stream) context.set("kms:ViaService", "kinesis." + stream->region + ".amazonaws.com");
  if (iam::evaluate(identity.policies, action, key, context) == iam::Decision::kAllow)
    return std::nullopt;
  if (action == "kms:Decrypt")
    return protocol::errors::make("KMSAccessDeniedException",
                                  "User " + identity.arn() +
                                      " is not authorized to decrypt records in stream " +
                                      (stream ? stream->name : stream_arn));
  return protocol::errors::make("KMSAccessDeniedException", "User: " + identity.arn() +
                                                                " is not authorized to perform: " +
                                                                action + " on resource: " + key);
}

}  // namespace kinesisd::service
