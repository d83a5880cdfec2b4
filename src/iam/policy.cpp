#include "iam/policy.hpp"

#include <algorithm>

namespace kinesisd::iam {
namespace {

using nlohmann::json;

std::vector<std::string> strings(const json& v, const std::string& what) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
  } else if (v.is_array()) {
    for (const auto& s : v) {
      if (!s.is_string()) throw PolicyError(what + " must hold strings");
      out.push_back(s.get<std::string>());
    }
  } else {
    throw PolicyError(what + " must be a string or a list of strings");
  }
  return out;
}

bool any_match(const std::vector<std::string>& patterns, std::string_view text, bool ignore_case) {
  for (const auto& p : patterns)
    if (wildcard_match(p, text, ignore_case)) return true;
  return false;
}

// Resources may name policy variables; one that names a key the request does
// not have matches nothing.
bool any_resource(const std::vector<std::string>& patterns, std::string_view resource,
                  const RequestContext& context) {
  for (const auto& p : patterns) {
    if (p.find("${") == std::string::npos) {
      if (wildcard_match(p, resource, false)) return true;
    } else if (auto s = substitute_variables(p, context)) {
      if (wildcard_match(*s, resource, false)) return true;
    }
  }
  return false;
}

}  // namespace

bool applies(const Statement& s, std::string_view action, std::string_view resource,
             const RequestContext& context) {
  const bool action_ok = s.actions.empty() ? !any_match(s.not_actions, action, true)
                                           : any_match(s.actions, action, true);
  if (!action_ok) return false;
  const bool resource_ok = s.resources.empty() ? !any_resource(s.not_resources, resource, context)
                                               : any_resource(s.resources, resource, context);
  return resource_ok && conditions_hold(s.conditions, context);
}

std::vector<json> statements_of(const json& doc) {
  if (!doc.is_object()) throw PolicyError("a policy must be a JSON object");
  if (!doc.contains("Statement")) throw PolicyError("a policy needs a Statement");
  const json& statements = doc["Statement"];
  if (!statements.is_array()) return {statements};
  return {statements.begin(), statements.end()};
}

Statement parse_statement(const json& s, const std::string& at,
                          const std::vector<std::string_view>& extra_keys) {
  if (!s.is_object()) throw PolicyError(at + " must be an object");
  for (const auto& [key, _] : s.items()) {
    if (key == "Sid" || key == "Effect" || key == "Action" || key == "NotAction" ||
        key == "Resource" || key == "NotResource" || key == "Condition")
      continue;
    if (std::find(extra_keys.begin(), extra_keys.end(), key) != extra_keys.end()) continue;
    throw PolicyError(at + "." + key + ": " +
                      (key == "Principal" || key == "NotPrincipal"
                           ? "an identity-based policy names no principal"
                           : "not an element of a policy statement (Sid, Effect, "
                             "Action/NotAction, Resource/NotResource, Condition)"));
  }
  Statement st;
  const std::string effect = s.value("Effect", "");
  if (effect != "Allow" && effect != "Deny")
    throw PolicyError(at + ".Effect must be Allow or Deny");
  st.allow = effect == "Allow";
  if (s.contains("Action")) st.actions = strings(s["Action"], at + ".Action");
  if (s.contains("NotAction")) st.not_actions = strings(s["NotAction"], at + ".NotAction");
  if (st.actions.empty() == st.not_actions.empty())
    throw PolicyError(at + " needs Action or NotAction");
  if (s.contains("Resource")) st.resources = strings(s["Resource"], at + ".Resource");
  if (s.contains("NotResource")) st.not_resources = strings(s["NotResource"], at + ".NotResource");
  if (st.resources.empty() == st.not_resources.empty())
    throw PolicyError(at + " needs Resource or NotResource");
  if (s.contains("Condition")) st.conditions = parse_conditions(s["Condition"], at + ".Condition");
  return st;
}

Policy parse_policy(const json& doc) {
  Policy policy;
  const auto list = statements_of(doc);
  for (size_t i = 0; i < list.size(); ++i)
    policy.push_back(parse_statement(list[i], "Statement[" + std::to_string(i) + "]"));
  return policy;
}

Decision evaluate(const std::vector<Policy>& policies, std::string_view action,
                  std::string_view resource, const RequestContext& context) {
  bool allowed = false;
  for (const auto& policy : policies)
    for (const auto& s : policy)
      if (applies(s, action, resource, context)) {
        if (!s.allow) return Decision::kExplicitDeny;
        allowed = true;
      }
  return allowed ? Decision::kAllow : Decision::kImplicitDeny;
}

}  // namespace kinesisd::iam
