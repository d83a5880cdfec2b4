// IAM identity-based policies as kinesisd evaluates them (the IAM User
// Guide's "Policy evaluation logic", for one account): an explicit Deny
// wins, then an Allow, else the request is implicitly denied. Statements
// have Effect, Action or NotAction, Resource or NotResource (* and ?
// wildcards, actions case-insensitively; policy variables such as
// ${aws:username} in resources) and an optional Condition (iam/condition).
// Principal belongs to resource-based policies: an identity policy holding
// one is refused when it is read, as IAM refuses it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "iam/condition.hpp"
#include "iam/policy_error.hpp"
#include "iam/request_context.hpp"
#include "iam/wildcard.hpp"

namespace kinesisd::iam {

struct Statement {
  bool allow = true;
  std::vector<std::string> actions, not_actions;
  std::vector<std::string> resources, not_resources;
  std::vector<Condition> conditions;
};

using Policy = std::vector<Statement>;

// Throws PolicyError naming what is wrong.
Policy parse_policy(const nlohmann::json& document);

enum class Decision { kAllow, kImplicitDeny, kExplicitDeny };

Decision evaluate(const std::vector<Policy>& policies, std::string_view action,
                  std::string_view resource, const RequestContext& context = {});

}  // namespace kinesisd::iam
