// IAM identity-based policies as kinesisd evaluates them (the IAM User
// Guide's "Policy evaluation logic", for one account): an explicit Deny
// wins, then an Allow, else the request is implicitly denied. Statements
// have Effect, Action or NotAction, Resource or NotResource; * and ? are
// wildcards (actions case-insensitively). Conditions and principals are not
// evaluated: a policy with a Condition is refused when it is read, never
// silently allowed.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kinesisd::iam {

struct PolicyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Statement {
  bool allow = true;
  std::vector<std::string> actions, not_actions;
  std::vector<std::string> resources, not_resources;
};

using Policy = std::vector<Statement>;

// Throws PolicyError naming what is wrong.
Policy parse_policy(const nlohmann::json& document);

enum class Decision { kAllow, kImplicitDeny, kExplicitDeny };

Decision evaluate(const std::vector<Policy>& policies, std::string_view action,
                  std::string_view resource);

// IAM's wildcard match: * any run of characters, ? one.
bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case);

}  // namespace kinesisd::iam
