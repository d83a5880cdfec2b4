// --auth sigv4: who signed a request (its access key among the config
// file's identities, its signature verified by protocol/sigv4) and whether
// that identity's policies allow the call (iam/policy). AWS's answers:
//   UnrecognizedClientException "The security token included in the request
//     is invalid." for an unknown access key or a session token that is not
//     the identity's;
//   InvalidSignatureException (protocol/sigv4.hpp) for a wrong or stale
//     signature;
//   AccessDeniedException "User: ARN is not authorized to perform: ACTION on
//     resource: RESOURCE" (as AWS answered it, aws/aws-sdk-js#763).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "iam/identities.hpp"
#include "protocol/api.hpp"
#include "protocol/error.hpp"

namespace kinesisd::service {

class Authorizer {
 public:
  explicit Authorizer(iam::Identities identities) : identities_(std::move(identities)) {}

  // The identity whose signature the request carries, or AWS's error.
  // REQUIRES: protocol::authenticate accepted the request.
  protocol::Outcome<const iam::Identity*> verify(const protocol::ApiRequest& request) const;
  // nullopt when `identity` may perform `action` (e.g. "kinesis:PutRecord") on `resource`.
  std::optional<protocol::Error> authorize(const iam::Identity& identity, const std::string& action,
                                           const std::string& resource) const;

 private:
  iam::Identities identities_;
};

}  // namespace kinesisd::service
