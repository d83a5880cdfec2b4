// --auth sigv4: who signed a request (its access key among the config
// file's identities, its signature verified by protocol/sigv4) and whether
// that identity's policies allow the call (iam/policy, with the request's
// condition keys). AWS's answers:
//   UnrecognizedClientException "The security token included in the request
//     is invalid." for an unknown access key or a session token that is not
//     the identity's;
//   InvalidSignatureException (protocol/sigv4.hpp) for a wrong or stale
//     signature;
//   AccessDeniedException "User: ARN is not authorized to perform: ACTION on
//     resource: RESOURCE because no identity-based policy allows the ACTION
//     action" (as Kinesis answered it in opensearch-project/data-prepper#6886
//     and awslabs/amazon-kinesis-connector-flink#65), or "... with an explicit
//     deny in an identity-based policy", "... because no resource-based
//     policy allows the ACTION action" (across accounts), "... with an
//     explicit deny in a resource-based policy" (the IAM User Guide's "Access
//     denied error messages");
//   KMSAccessDeniedException when a stream encrypts with a customer key the
//     identity may not use: "User: ARN is not authorized to perform:
//     kms:GenerateDataKey on resource: KEY" for a put
//     (serverless-operations/serverless-apigateway-service-proxy#101), "User
//     ARN is not authorized to decrypt records in stream NAME" for a read
//     (spring-cloud-stream-binder-aws-kinesis#188). The AWS managed key
//     (alias/aws/kinesis) needs no permission ("Permissions to use
//     user-generated KMS keys", Kinesis Developer Guide).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/mutex.hpp"
#include "iam/identities.hpp"
#include "iam/kms_aliases.hpp"
#include "iam/request_context.hpp"
#include "iam/resource_policy.hpp"
#include "protocol/api.hpp"
#include "protocol/error.hpp"

namespace kinesisd::service {

class Authorizer {
 public:
  explicit Authorizer(iam::Identities identities, iam::KmsAliases aliases = {})
      : identities_(std::move(identities)), aliases_(std::move(aliases)) {}

  // The identity whose signature the request carries, or AWS's error.
  // REQUIRES: protocol::authenticate accepted the request.
  protocol::Outcome<const iam::Identity*> verify(const protocol::ApiRequest& request) const;
  // The account of the identity an access key names ("" for none): where a
  // fast-path call looks for its stream before verify() has run.
  std::string account_of(const std::string& access_key) const {
    const auto* identity = identities_.find(access_key);
    return identity ? identity->account_id : std::string();
  }
  // The global condition keys of a request by `identity` in `region`:
  // aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username,
  // aws:RequestedRegion, aws:CurrentTime, aws:EpochTime, aws:SecureTransport,
  // aws:SourceIp, aws:ViaAWSService. Empty when no policy of the identity
  // reads a context (Identity::reads_context).
  static iam::RequestContext context(const iam::Identity& identity,
                                     const protocol::ApiRequest& request,
                                     const std::string& region);
  // nullopt when `identity` may perform `action` (e.g. "kinesis:PutRecord")
  // on `resource`, whose resource-based policy is `resource_policy` (JSON
  // text, "" for none; iam/resource_policy says how the two combine, and
  // within and across accounts).
  std::optional<protocol::Error> authorize(const iam::Identity& identity, const std::string& action,
                                           const std::string& resource,
                                           const iam::RequestContext& context,
                                           const std::string& resource_policy = {}) const;
  // nullopt when `identity` may use the stream's KMS key `key_id` (its KeyId
  // as the stream holds it) for `action`, kms:GenerateDataKey to put or
  // kms:Decrypt to read. An alias is resolved by the config file's
  // kms_aliases (iam/kms_aliases.hpp).
  std::optional<protocol::Error> authorize_key(const iam::Identity& identity,
                                               const std::string& action, const std::string& key_id,
                                               const std::string& stream_arn,
                                               iam::RequestContext context) const;

 private:
  // The parsed policy of a JSON text (cached: a resource's policy is read on
  // each of its calls); nullptr for one IAM could not read, which grants
  // nothing.
  std::shared_ptr<const iam::ResourcePolicy> parsed(const std::string& text) const;

  iam::Identities identities_;
  iam::KmsAliases aliases_;
  mutable base::Mutex cache_mu_;
  mutable std::map<std::string, std::shared_ptr<const iam::ResourcePolicy>, std::less<>> cache_
      GUARDED_BY(cache_mu_);
};

}  // namespace kinesisd::service
