#include "protocol/auth.hpp"

#include <gtest/gtest.h>

namespace kinesisd::protocol {

TEST(Auth, RegionComesFromTheCredentialScope) {
  ApiRequest r;
  r.headers = {{"authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20261122/eu-west-1/kinesis/aws4_request, "
                "SignedHeaders=host, Signature=abc"},
               {"x-amz-date", "20261122T000000Z"}};
  auto c = authenticate(r);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().region, "eu-west-1");
  EXPECT_EQ(c.value().access_key, "AKID");
}

TEST(Auth, MissingAndIncomplete) {
  ApiRequest none;
  EXPECT_EQ(authenticate(none).error().type, "MissingAuthenticationTokenException");
  ApiRequest partial;
  partial.headers = {{"Authorization", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e"}};
  auto e = authenticate(partial);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().type, "IncompleteSignatureException");
  EXPECT_EQ(e.error().message,
            "Authorization header requires 'Signature' parameter. Authorization header requires "
            "'SignedHeaders' parameter. Authorization header requires existence of either a "
            "'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=a/b/c/d/e");
}

TEST(Auth, QueryStringSignatures) {
  ApiRequest q;
  q.query =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261122%2Fap-south-1%2Fkinesis"
      "%2Faws4_request&X-Amz-Date=20261122T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=ab";
  auto c = authenticate(q);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().region, "ap-south-1");
  q.headers = {{"Authorization", "x"}};
  EXPECT_EQ(authenticate(q).error().type, "InvalidSignatureException");
}

}  // namespace kinesisd::protocol
