#include "aws/credentials.hpp"

#include <gtest/gtest.h>

#include <map>

namespace kinesisd::aws {
namespace {

TEST(Credentials, FromTheStandardVariablesElseTest) {
  std::map<std::string, std::string> env;
  auto lookup = [&](const char* n) -> const char* {
    auto it = env.find(n);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  auto c = Credentials::from_environment(lookup);
  EXPECT_EQ(c.access_key, "test");
  EXPECT_EQ(c.secret_key, "test");
  EXPECT_EQ(c.session_token, "");
  env = {{"AWS_ACCESS_KEY_ID", "AKID"},
         {"AWS_SECRET_ACCESS_KEY", "SECRET"},
         {"AWS_SESSION_TOKEN", "TOKEN"}};
  c = Credentials::from_environment(lookup);
  EXPECT_EQ(c.access_key, "AKID");
  EXPECT_EQ(c.secret_key, "SECRET");
  EXPECT_EQ(c.session_token, "TOKEN");
}

}  // namespace
}  // namespace kinesisd::aws
