#include "service/authorizer.hpp"

#include <chrono>

#include "log/arn.hpp"
#include "protocol/sigv4.hpp"
#include "protocol/utc_time.hpp"

namespace kinesisd::service {
namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string refusal(const iam::Identity& identity, const std::string& action,
                    const std::string& resource, iam::Decision decision) {
  std::string message = "User: " + identity.arn() + " is not authorized to perform: " + action +
                        " on resource: " + resource;
  if (decision == iam::Decision::kExplicitDeny)
    message += " with an explicit deny in an identity-based policy";
  else
    message += " because no identity-based policy allows the " + action + " action";
  return message;
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

std::optional<protocol::Error> Authorizer::authorize(const iam::Identity& identity,
                                                     const std::string& action,
                                                     const std::string& resource,
                                                     const iam::RequestContext& context) const {
  const auto decision = iam::evaluate(identity.policies, action, resource, context);
  if (decision == iam::Decision::kAllow) return std::nullopt;
  return protocol::errors::make("AccessDeniedException",
                                refusal(identity, action, resource, decision));
}

std::string Authorizer::key_arn(const std::string& key_id, const std::string& stream_arn) {
  if (key_id.rfind("arn:", 0) == 0) return key_id;
  const auto stream = log::parse_stream_arn(stream_arn);
  const std::string prefix =
      "arn:aws:kms:" + (stream ? stream->region : "") + ":" + (stream ? stream->account : "") + ":";
  return key_id.rfind("alias/", 0) == 0 ? prefix + key_id : prefix + "key/" + key_id;
}

std::optional<protocol::Error> Authorizer::authorize_key(const iam::Identity& identity,
                                                         const std::string& action,
                                                         const std::string& key_id,
                                                         const std::string& stream_arn,
                                                         iam::RequestContext context) const {
  const std::string key = key_arn(key_id, stream_arn);
  static constexpr std::string_view kManaged = ":alias/aws/kinesis";
  if (key.size() >= kManaged.size() &&
      key.compare(key.size() - kManaged.size(), kManaged.size(), kManaged) == 0)
    return std::nullopt;
  // What Kinesis passes KMS on the caller's behalf ("Kinesis Data Streams
  // encryption context", Kinesis Developer Guide; kms:ViaService and
  // kms:CallerAccount, the KMS Developer Guide's condition keys).
  const auto stream = log::parse_stream_arn(stream_arn);
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
