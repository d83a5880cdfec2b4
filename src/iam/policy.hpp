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
// One statement of a policy; `at` names it in errors ("Statement[2]").
// `extra_keys` are the elements the caller reads itself (a resource-based
// policy's Principal, NotPrincipal); any other unknown element throws.
Statement parse_statement(const nlohmann::json& statement, const std::string& at,
                          const std::vector<std::string_view>& extra_keys = {});
// The statements of a document: its Statement, an object or a list.
std::vector<nlohmann::json> statements_of(const nlohmann::json& document);
// Whether a statement's Action, Resource and Condition all match the request.
bool applies(const Statement& statement, std::string_view action, std::string_view resource,
             const RequestContext& context);

enum class Decision { kAllow, kImplicitDeny, kExplicitDeny };

Decision evaluate(const std::vector<Policy>& policies, std::string_view action,
                  std::string_view resource, const RequestContext& context = {});

}  // namespace kinesisd::iam
