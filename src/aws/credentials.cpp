#include "aws/credentials.hpp"

namespace kinesisd::aws {

Credentials Credentials::from_environment(
    const std::function<const char*(const char*)>& environment) {
  Credentials c;
  const char* key = environment("AWS_ACCESS_KEY_ID");
  const char* secret = environment("AWS_SECRET_ACCESS_KEY");
  if (key && *key && secret && *secret) {
    c.access_key = key;
    c.secret_key = secret;
    if (const char* token = environment("AWS_SESSION_TOKEN"); token && *token)
      c.session_token = token;
  }
  return c;
}

}  // namespace kinesisd::aws
