#include "iam/resource_policy.hpp"

namespace kinesisd::iam {
namespace {

using nlohmann::json;

void read_principal(const json& p, const std::string& at, ResourceStatement& out) {
  if (p.is_string()) {
    if (p.get<std::string>() != "*") throw PolicyError(at + " must be \"*\" or an object");
    out.anyone = true;
    return;
  }
  if (!p.is_object() || p.empty())
    throw PolicyError(at + " must be \"*\" or an object such as {\"AWS\": ...}");
  for (const auto& [kind, value] : p.items()) {
    if (kind != "AWS" && kind != "Service" && kind != "Federated" && kind != "CanonicalUser")
      throw PolicyError(at + "." + kind + ": not a kind of principal (AWS, Service, Federated, " +
                        "CanonicalUser)");
    const json list = value.is_array() ? value : json::array({value});
    for (const auto& v : list) {
      if (!v.is_string()) throw PolicyError(at + "." + kind + " must hold strings");
      if (kind != "AWS") continue;  // services and federated users sign no kinesisd request
      if (v.get<std::string>() == "*")
        out.anyone = true;
      else
        out.principals.push_back(v.get<std::string>());
    }
  }
}

// kPrincipal when an entry is the caller's ARN, kAccount when it names the
// caller's account (its id or its root user), else kNone.
Grant names(const ResourceStatement& s, const Principal& who) {
  if (s.anyone) return Grant::kPrincipal;
  Grant found = Grant::kNone;
  for (const auto& p : s.principals) {
    if (p == who.arn) return Grant::kPrincipal;
    if (p == who.account || p == "arn:aws:iam::" + who.account + ":root") found = Grant::kAccount;
  }
  return found;
}

}  // namespace

ResourcePolicy parse_resource_policy(const json& doc) {
  ResourcePolicy policy;
  const auto list = statements_of(doc);
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = "Statement[" + std::to_string(i) + "]";
    ResourceStatement rs;
    rs.statement = parse_statement(list[i], at, {"Principal", "NotPrincipal"});
    const bool has = list[i].contains("Principal"), has_not = list[i].contains("NotPrincipal");
    if (has == has_not) throw PolicyError(at + " needs Principal or NotPrincipal");
    rs.not_principal = has_not;
    read_principal(list[i][has ? "Principal" : "NotPrincipal"],
                   at + (has ? ".Principal" : ".NotPrincipal"), rs);
    policy.push_back(std::move(rs));
  }
  return policy;
}

ResourceDecision evaluate(const ResourcePolicy& policy, const Principal& principal,
                          std::string_view action, std::string_view resource,
                          const RequestContext& context) {
  ResourceDecision d;
  for (const auto& s : policy) {
    Grant g = names(s, principal);
    // NotPrincipal applies to everyone it does not name.
    if (s.not_principal) g = g == Grant::kNone ? Grant::kPrincipal : Grant::kNone;
    if (g == Grant::kNone || !applies(s.statement, action, resource, context)) continue;
    if (!s.statement.allow) {
      d.explicit_deny = true;
      return d;
    }
    if (g > d.grant) d.grant = g;
  }
  return d;
}

}  // namespace kinesisd::iam
