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
//     deny in an identity-based policy" (the IAM User Guide's "Access denied
//     error messages");
//   KMSAccessDeniedException when a stream encrypts with a customer key the
//     identity may not use: "User: ARN is not authorized to perform:
//     kms:GenerateDataKey on resource: KEY" for a put
//     (serverless-operations/serverless-apigateway-service-proxy#101), "User
//     ARN is not authorized to decrypt records in stream NAME" for a read
//     (spring-cloud-stream-binder-aws-kinesis#188). The AWS managed key
//     (alias/aws/kinesis) needs no permission ("Permissions to use
//     user-generated KMS keys", Kinesis Developer Guide).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "iam/identities.hpp"
#include "iam/request_context.hpp"
#include "protocol/api.hpp"
#include "protocol/error.hpp"

namespace kinesisd::service {

class Authorizer {
 public:
  explicit Authorizer(iam::Identities identities) : identities_(std::move(identities)) {}

  // The identity whose signature the request carries, or AWS's error.
  // REQUIRES: protocol::authenticate accepted the request.
  protocol::Outcome<const iam::Identity*> verify(const protocol::ApiRequest& request) const;
  // The global condition keys of a request by `identity` in `region`:
  // aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username,
  // aws:RequestedRegion, aws:CurrentTime, aws:EpochTime, aws:SecureTransport,
  // aws:SourceIp, aws:ViaAWSService. Empty when no policy of the identity
  // reads a context (Identity::reads_context).
  static iam::RequestContext context(const iam::Identity& identity,
                                     const protocol::ApiRequest& request,
                                     const std::string& region);
  // nullopt when `identity` may perform `action` (e.g. "kinesis:PutRecord") on `resource`.
  std::optional<protocol::Error> authorize(const iam::Identity& identity, const std::string& action,
                                           const std::string& resource,
                                           const iam::RequestContext& context) const;
  // nullopt when `identity` may use the stream's KMS key `key_id` (its KeyId
  // as the stream holds it) for `action`, kms:GenerateDataKey to put or
  // kms:Decrypt to read.
  std::optional<protocol::Error> authorize_key(const iam::Identity& identity,
                                               const std::string& action, const std::string& key_id,
                                               const std::string& stream_arn,
                                               iam::RequestContext context) const;
  // The ARN a policy names a key by: an ARN as given, else the key or alias in
  // the stream's region and account. Aliases are not resolved to the key they
  // point at (kinesisd keeps no KMS keys): a policy names the alias's ARN.
  static std::string key_arn(const std::string& key_id, const std::string& stream_arn);

 private:
  iam::Identities identities_;
};

}  // namespace kinesisd::service
