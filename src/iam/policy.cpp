#include "iam/policy.hpp"

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

bool applies(const Statement& s, std::string_view action, std::string_view resource,
             const RequestContext& context) {
  const bool action_ok = s.actions.empty() ? !any_match(s.not_actions, action, true)
                                           : any_match(s.actions, action, true);
  if (!action_ok) return false;
  const bool resource_ok = s.resources.empty() ? !any_resource(s.not_resources, resource, context)
                                               : any_resource(s.resources, resource, context);
  return resource_ok && conditions_hold(s.conditions, context);
}

}  // namespace

Policy parse_policy(const json& doc) {
  if (!doc.is_object()) throw PolicyError("a policy must be a JSON object");
  if (!doc.contains("Statement")) throw PolicyError("a policy needs a Statement");
  const json& statements = doc["Statement"];
  Policy policy;
  const json list = statements.is_array() ? statements : json::array({statements});
  for (size_t i = 0; i < list.size(); ++i) {
    const json& s = list[i];
    const std::string at = "Statement[" + std::to_string(i) + "]";
    if (!s.is_object()) throw PolicyError(at + " must be an object");
    for (const auto& [key, _] : s.items())
      if (key != "Sid" && key != "Effect" && key != "Action" && key != "NotAction" &&
          key != "Resource" && key != "NotResource" && key != "Condition")
        throw PolicyError(at + "." + key + ": " +
                          (key == "Principal" || key == "NotPrincipal"
                               ? "an identity-based policy names no principal"
                               : "not an element of a policy statement (Sid, Effect, "
                                 "Action/NotAction, Resource/NotResource, Condition)"));
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
    if (s.contains("NotResource"))
      st.not_resources = strings(s["NotResource"], at + ".NotResource");
    if (st.resources.empty() == st.not_resources.empty())
      throw PolicyError(at + " needs Resource or NotResource");
    if (s.contains("Condition"))
      st.conditions = parse_conditions(s["Condition"], at + ".Condition");
    policy.push_back(std::move(st));
  }
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
