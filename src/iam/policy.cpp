#include "iam/policy.hpp"

#include <cctype>

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

bool applies(const Statement& s, std::string_view action, std::string_view resource) {
  const bool action_ok = s.actions.empty() ? !any_match(s.not_actions, action, true)
                                           : any_match(s.actions, action, true);
  const bool resource_ok = s.resources.empty() ? !any_match(s.not_resources, resource, false)
                                               : any_match(s.resources, resource, false);
  return action_ok && resource_ok;
}

}  // namespace

bool wildcard_match(std::string_view p, std::string_view t, bool ignore_case) {
  auto eq = [&](char a, char b) {
    return ignore_case ? std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b))
                       : a == b;
  };
  size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || eq(p[pi], t[ti]))) {
      ++pi;
      ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

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
          key != "Resource" && key != "NotResource")
        throw PolicyError(at + "." + key + ": kinesisd does not evaluate " + key +
                          " (only Effect, Action/NotAction and Resource/NotResource)");
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
    policy.push_back(std::move(st));
  }
  return policy;
}

Decision evaluate(const std::vector<Policy>& policies, std::string_view action,
                  std::string_view resource) {
  bool allowed = false;
  for (const auto& policy : policies)
    for (const auto& s : policy)
      if (applies(s, action, resource)) {
        if (!s.allow) return Decision::kExplicitDeny;
        allowed = true;
      }
  return allowed ? Decision::kAllow : Decision::kImplicitDeny;
}

}  // namespace kinesisd::iam
