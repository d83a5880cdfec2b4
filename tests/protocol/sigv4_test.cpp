#include "protocol/sigv4.hpp"

#include <gtest/gtest.h>

namespace kinesisd::protocol {
namespace {

// The IAM User Guide's worked example ("Create a signed AWS API request"):
// GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08.
TEST(SigV4, TheDocumentationsExampleSignature) {
  const std::string canonical =
      "GET\n/\nAction=ListUsers&Version=2010-05-08\n"
      "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
      "host:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
      "content-type;host;x-amz-date\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  EXPECT_EQ(sigv4_signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830T123600Z",
                            "20150830/us-east-1/iam/aws4_request", canonical),
            "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

ApiRequest signed_request(const std::string& date, const std::string& signature) {
  ApiRequest r;
  r.method = "GET";
  r.path = "/";
  r.query = "Action=ListUsers&Version=2010-05-08";
  static std::string auth;
  auth =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-date, Signature=" +
      signature;
  static std::string d;
  d = date;
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
               {"Host", "iam.amazonaws.com"},
               {"X-Amz-Date", d},
               {"Authorization", auth}};
  return r;
}

TEST(SigV4, VerifiesTheExampleRequestAndItsClockSkew) {
  const auto r = signed_request("20150830T123600Z",
                                "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  const int64_t signed_at = 1440938160000;  // 2015-08-30T12:36:00Z
  const std::string secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  EXPECT_FALSE(verify_signature(r, secret, signed_at));
  EXPECT_FALSE(verify_signature(r, secret, signed_at + 4 * 60'000));
  const auto late = verify_signature(r, secret, signed_at + 10 * 60'000);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->message,
            "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z "
            "(20150830T124600Z - 5 min.)");
  const auto early = verify_signature(r, secret, signed_at - 10 * 60'000);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->message.rfind("Signature not yet current: 20150830T123600Z", 0), 0u);
  const auto wrong = verify_signature(r, "another secret", signed_at);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->type, "InvalidSignatureException");
  EXPECT_EQ(signed_by(r).access_key, "AKIDEXAMPLE");
}

TEST(SigV4, UriEncodesAsSigV4AndS3PathsWant) {
  EXPECT_EQ(uri_encode("2026/12/07/a b+c=d-e_f.g~h.gz", true),
            "2026/12/07/a%20b%2Bc%3Dd-e_f.g~h.gz");
  EXPECT_EQ(uri_encode("queue=\xc3\xa9/", true), "queue%3D%C3%A9/");
  EXPECT_EQ(uri_encode("arn:aws:sns:us-east-1:1:t/x", false),
            "arn%3Aaws%3Asns%3Aus-east-1%3A1%3At%2Fx");
}

}  // namespace
}  // namespace kinesisd::protocol
