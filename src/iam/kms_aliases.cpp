#include "iam/kms_aliases.hpp"

#include "iam/identities.hpp"

namespace kinesisd::iam {
namespace {

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

std::string kms_prefix(const std::string& region, const std::string& account) {
  return "arn:aws:kms:" + region + ":" + account + ":";
}

// "alias/NAME" of an alias name or alias ARN; "" for a key.
std::string alias_name(const std::string& key_id) {
  if (starts_with(key_id, "alias/")) return key_id;
  if (starts_with(key_id, "arn:")) {
    const size_t at = key_id.find(":alias/");
    if (at != std::string::npos) return key_id.substr(at + 1);
  }
  return {};
}

std::string key_arn(const std::string& key, const std::string& region, const std::string& account) {
  return starts_with(key, "arn:") ? key : kms_prefix(region, account) + "key/" + key;
}

}  // namespace

KmsAliases KmsAliases::parse(const nlohmann::json& section) {
  if (!section.is_object())
    throw IdentityError("kms_aliases", "must be an object of \"alias/NAME\": \"KEY-ID\"");
  KmsAliases out;
  for (const auto& [alias, target] : section.items()) {
    const std::string key = "kms_aliases." + alias;
    // KMS's CreateAlias: AliasName begins with alias/ and alias/aws/ is
    // reserved for AWS managed keys (the KMS API reference).
    if (!starts_with(alias, "alias/") || alias.size() == 6)
      throw IdentityError(key, "an alias name begins with alias/");
    if (starts_with(alias, "alias/aws/"))
      throw IdentityError(key, "alias/aws/ is reserved for AWS managed keys");
    if (!target.is_string() || target.get_ref<const std::string&>().empty())
      throw IdentityError(key, "must name a key by its id or ARN");
    const auto& value = target.get_ref<const std::string&>();
    if (!alias_name(value).empty() ||
        (starts_with(value, "arn:") && value.find(":key/") == std::string::npos))
      throw IdentityError(key, "must name a key by its id or ARN, not an alias");
    out.targets_.emplace(alias, value);
  }
  return out;
}

ResolvedKey KmsAliases::resolve(const std::string& key_id, const std::string& region,
                                const std::string& account) const {
  ResolvedKey out;
  std::string key = key_id;
  if (const std::string alias = alias_name(key_id); !alias.empty()) {
    out.request_alias = alias;
    const auto it = targets_.find(alias);
    if (it == targets_.end()) {  // unknown here: the alias stands for itself
      out.arn = starts_with(key_id, "arn:") ? key_id : kms_prefix(region, account) + key_id;
      out.aliases.push_back(alias);
      return out;
    }
    key = it->second;
  }
  out.arn = key_arn(key, region, account);
  for (const auto& [alias, target] : targets_)
    if (key_arn(target, region, account) == out.arn) out.aliases.push_back(alias);
  return out;
}

}  // namespace kinesisd::iam
