// The KMS aliases kinesisd knows, from the config file's `kms_aliases`
// section: {"alias/NAME": "KEY-ID or key ARN"}. kinesisd keeps no KMS keys;
// the section says which key a stream's alias stands for, so that --auth sigv4
// authorizes its use as KMS does ("Use aliases to control access to KMS keys",
// KMS Developer Guide): a policy names the key's ARN in its Resource (an alias
// ARN there names the alias, not a key), and an alias is matched by the
// kms:RequestAlias (the alias the request named) and kms:ResourceAliases (every
// alias of the key) condition keys. A key id is placed in the stream's region
// and account; a key ARN is taken as it is.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kinesisd::iam {

struct ResolvedKey {
  // The key's ARN; for an alias the section does not name, the alias's ARN.
  std::string arn;
  std::optional<std::string> request_alias;  // "alias/NAME" when the key was named by one
  std::vector<std::string> aliases;          // the section's aliases of the key
};

class KmsAliases {
 public:
  // Reads the section (an object). Throws IdentityError naming the key.
  static KmsAliases parse(const nlohmann::json& section);

  // The key a stream's KeyId (a key id, key ARN, alias name or alias ARN)
  // stands for, in `region` and `account` (the stream's).
  ResolvedKey resolve(const std::string& key_id, const std::string& region,
                      const std::string& account) const;

 private:
  std::map<std::string, std::string> targets_;  // "alias/NAME" -> key id or key ARN
};

}  // namespace kinesisd::iam
