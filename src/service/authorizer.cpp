#include "service/authorizer.hpp"

#include <chrono>

#include "protocol/sigv4.hpp"

namespace kinesisd::service {

protocol::Outcome<const iam::Identity*> Authorizer::verify(
    const protocol::ApiRequest& request) const {
  const auto by = protocol::signed_by(request);
  const iam::Identity* identity = identities_.find(by.access_key);
  const auto unrecognized = protocol::errors::make(
      "UnrecognizedClientException", "The security token included in the request is invalid.");
  if (!identity) return unrecognized;
  if (identity->session_token != by.session_token) return unrecognized;
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  if (auto bad = protocol::verify_signature(request, identity->secret_access_key, now)) return *bad;
  return identity;
}

std::optional<protocol::Error> Authorizer::authorize(const iam::Identity& identity,
                                                     const std::string& action,
                                                     const std::string& resource) const {
  if (iam::evaluate(identity.policies, action, resource) == iam::Decision::kAllow)
    return std::nullopt;
  return protocol::errors::make("AccessDeniedException", "User: " + identity.arn() +
                                                             " is not authorized to perform: " +
                                                             action + " on resource: " + resource);
}

}  // namespace kinesisd::service
