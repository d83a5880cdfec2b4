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

// Parameters split at spaces as at commas; a bare "?X-Amz-Algorithm" is the
// query form (kinesalite's test/connection.js, checked against AWS).
TEST(Auth, ShapesAwsTellsApart) {
  ApiRequest spaced;
  spaced.headers = {{"Authorization", "AWS4- Signature=b Credential=a"}, {"Date", "a"}};
  EXPECT_EQ(authenticate(spaced).error().message,
            "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- "
            "Signature=b Credential=a");
  ApiRequest empty_value;
  empty_value.headers = {{"Authorization", "AWS4 Credential=, Signature=s, SignedHeaders=h"},
                         {"X-Amz-Date", "d"}};
  EXPECT_EQ(authenticate(empty_value).error().type, "IncompleteSignatureException");
  ApiRequest bare;
  bare.query = "X-Amz-Algorithm";
  EXPECT_EQ(authenticate(bare).error().message.rfind(
                "AWS query-string parameters must include 'X-Amz-Algorithm'. ", 0),
            0u);
  ApiRequest no_algorithm;
  no_algorithm.query = "X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d";
  EXPECT_EQ(authenticate(no_algorithm).error().type, "MissingAuthenticationTokenException");
}

// The header is read 8 bytes at a time: separators at every offset of a
// word, and runs of them, still split it where AWS does.
TEST(Auth, SeparatorsAtEveryOffset) {
  for (int pad = 0; pad < 9; ++pad) {
    const std::string filler(static_cast<size_t>(pad), 'x');
    std::string header = std::string("AWS4-HMAC-SHA256") + filler;
    header += std::string(static_cast<size_t>(1 + pad % 3), ' ');
    header += "Credential=AKID" + filler + "/20261122/eu-west-2/kinesis/aws4_request,";
    header += std::string(static_cast<size_t>(pad % 2), ' ');
    header += "SignedHeaders=host;x-amz-date" + filler + ",Signature=" + filler + "abc";
    ApiRequest r;
    r.headers = {{"Authorization", header}, {"X-Amz-Date", "20261122T000000Z"}};
    const auto c = authenticate(r);
    ASSERT_TRUE(c.ok()) << header;
    EXPECT_EQ(c.value().region, "eu-west-2") << header;
    EXPECT_EQ(c.value().access_key, "AKID" + filler) << header;
  }
}

}  // namespace kinesisd::protocol
