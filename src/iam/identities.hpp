// The identities of --auth sigv4, from the config file's `identities`
// section: access key, secret, optional session token, account, IAM user
// name and identity-based policies.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "iam/policy.hpp"

namespace kinesisd::iam {

struct Identity {
  std::string access_key_id;
  std::string secret_access_key;
  std::optional<std::string> session_token;
  std::string account_id;
  std::string user;
  std::vector<Policy> policies;
  // Whether a statement reads the request context (a Condition or a policy
  // variable): when none does, no context is built for its calls.
  bool reads_context = false;

  // arn:aws:iam::ACCOUNT:user/NAME, as AWS's messages name a caller.
  std::string arn() const { return "arn:aws:iam::" + account_id + ":user/" + user; }
};

struct IdentityError : std::runtime_error {
  IdentityError(std::string key_, const std::string& reason)
      : std::runtime_error(reason), key(std::move(key_)) {}
  std::string key;
};

class Identities {
 public:
  // Reads the section (a list). Throws IdentityError naming the key.
  static Identities parse(const nlohmann::json& section, const std::string& default_account);
  const Identity* find(const std::string& access_key_id) const;
  size_t size() const { return by_key_.size(); }

 private:
  std::map<std::string, Identity> by_key_;
};

}  // namespace kinesisd::iam
