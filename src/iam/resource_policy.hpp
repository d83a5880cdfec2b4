// Resource-based policies (a stream's or a consumer's, set with
// PutResourcePolicy) as IAM evaluates them beside the caller's
// identity-based policies (the IAM User Guide's "Policy evaluation logic" and
// "Cross-account policy evaluation logic"):
//   - an explicit Deny in either kind of policy refuses;
//   - within one account, either kind allowing is enough, but a resource
//     policy that names only the account (its id or arn:aws:iam::ID:root)
//     delegates to the account's identity policies and allows nobody itself;
//   - across accounts, both must allow.
// A statement's Principal is "*", {"AWS": ...} with account ids, account
// root ARNs or IAM user ARNs (one or a list), or another kind ({"Service":
// ...}, {"Federated": ...}) that no IAM user is; NotPrincipal inverts it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "iam/policy.hpp"

namespace kinesisd::iam {

// Who signed a request: their account and IAM ARN.
struct Principal {
  std::string account;
  std::string arn;
};

struct ResourceStatement {
  Statement statement;
  bool not_principal = false;
  bool anyone = false;                  // "*" or {"AWS": "*"}
  std::vector<std::string> principals;  // the AWS ones, as written
};

using ResourcePolicy = std::vector<ResourceStatement>;

// Throws PolicyError naming what is wrong.
ResourcePolicy parse_resource_policy(const nlohmann::json& document);

// How a resource policy answers a request.
enum class Grant {
  kNone,       // no Allow applies
  kAccount,    // an Allow names the caller's account (or root) only
  kPrincipal,  // an Allow names the caller (its ARN, or anyone)
};

struct ResourceDecision {
  bool explicit_deny = false;
  Grant grant = Grant::kNone;
};

ResourceDecision evaluate(const ResourcePolicy& policy, const Principal& principal,
                          std::string_view action, std::string_view resource,
                          const RequestContext& context = {});

}  // namespace kinesisd::iam
