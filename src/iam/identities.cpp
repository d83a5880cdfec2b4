#include "iam/identities.hpp"

#include <algorithm>

namespace kinesisd::iam {

Identities Identities::parse(const nlohmann::json& section, const std::string& default_account) {
  if (!section.is_array()) throw IdentityError("identities", "must be a list of identities");
  Identities out;
  for (size_t i = 0; i < section.size(); ++i) {
    const auto& s = section[i];
    const std::string at = "identities[" + std::to_string(i) + "]";
    if (!s.is_object()) throw IdentityError(at, "must be an object");
    auto text = [&](const char* key, bool required) -> std::optional<std::string> {
      if (!s.contains(key)) {
        if (required) throw IdentityError(at + "." + key, "is required");
        return std::nullopt;
      }
      if (!s[key].is_string() || s[key].get_ref<const std::string&>().empty())
        throw IdentityError(at + "." + key, "must be a non-empty string");
      return s[key].get<std::string>();
    };
    for (const auto& [key, _] : s.items())
      if (key != "access_key_id" && key != "secret_access_key" && key != "session_token" &&
          key != "account_id" && key != "user" && key != "policies")
        throw IdentityError(at + "." + key,
                            "unknown key (expected access_key_id, "
                            "secret_access_key, session_token, account_id, user, "
                            "policies)");
    Identity id;
    id.access_key_id = *text("access_key_id", true);
    id.secret_access_key = *text("secret_access_key", true);
    id.session_token = text("session_token", false);
    id.account_id = text("account_id", false).value_or(default_account);
    id.user = text("user", false).value_or(id.access_key_id);
    if (s.contains("policies")) {
      if (!s["policies"].is_array()) throw IdentityError(at + ".policies", "must be a list");
      for (size_t p = 0; p < s["policies"].size(); ++p) {
        try {
          id.policies.push_back(parse_policy(s["policies"][p]));
          for (const auto& st : id.policies.back()) {
            auto variable = [](const std::string& r) { return r.find("${") != std::string::npos; };
            id.reads_context =
                id.reads_context || !st.conditions.empty() ||
                std::any_of(st.resources.begin(), st.resources.end(), variable) ||
                std::any_of(st.not_resources.begin(), st.not_resources.end(), variable);
          }
        } catch (const PolicyError& e) {
          throw IdentityError(at + ".policies[" + std::to_string(p) + "]", e.what());
        }
      }
    }
    if (out.by_key_.count(id.access_key_id))
      throw IdentityError(at + ".access_key_id", "is given twice");
    out.by_key_.emplace(id.access_key_id, std::move(id));
  }
  return out;
}

const Identity* Identities::find(const std::string& access_key_id) const {
  const auto it = by_key_.find(access_key_id);
  return it == by_key_.end() ? nullptr : &it->second;
}

}  // namespace kinesisd::iam
