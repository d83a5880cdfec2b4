#include "aws/request_signer.hpp"

#include <gtest/gtest.h>

#include "protocol/sigv4.hpp"

namespace kinesisd::aws {
namespace {

const std::string* header(const network::HttpRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return &v;
  return nullptr;
}

// What a server sees of the signed request, for kinesisd's own verifier
// (which protocol/sigv4_test checks against AWS's example request).
protocol::ApiRequest as_received(const network::HttpRequest& r, std::string_view host) {
  protocol::ApiRequest in;
  in.method = r.method;
  const auto url = network::parse_url(r.url);
  static std::string target;
  target = url->target;
  in.set_target(target);
  in.headers.push_back({"Host", host});
  for (const auto& [n, v] : r.headers) in.headers.push_back({n, v});
  in.body = r.body;
  return in;
}

TEST(RequestSigner, SignsWhatKinesisdsVerifierAccepts) {
  network::HttpRequest r;
  r.method = "PUT";
  r.url = "http://127.0.0.1:5000/lake/2026/12/07/03/ctr-1-2026-12-07-03-00-00-x.gz";
  r.headers = {{"Content-Type", "application/octet-stream"}};
  r.body = "bytes";
  const Credentials c{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  const int64_t now = 1765076400000;  // 2025-12-07T03:00:00Z
  sign(r, "s3", "eu-west-1", c, now);
  ASSERT_NE(header(r, "Authorization"), nullptr);
  EXPECT_EQ(
      header(r, "Authorization")
          ->rfind("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251207/eu-west-1/s3/aws4_request, "
                  "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=",
                  0),
      0u)
      << *header(r, "Authorization");
  EXPECT_EQ(*header(r, "X-Amz-Date"), "20251207T030000Z");
  EXPECT_EQ(*header(r, "X-Amz-Content-Sha256"), protocol::sha256_hex("bytes"));
  EXPECT_EQ(header(r, "X-Amz-Security-Token"), nullptr);

  const auto received = as_received(r, "127.0.0.1:5000");
  EXPECT_FALSE(protocol::verify_signature(received, c.secret_key, now));
  EXPECT_TRUE(protocol::verify_signature(received, "another secret", now));
}

TEST(RequestSigner, SignsTheSessionTokenAndTheSortedQuery) {
  network::HttpRequest r;
  r.method = "POST";
  r.url = "https://sqs.local:9443/?b=2&a=1";
  r.body = "{}";
  const Credentials c{"ASIAKEY", "secret", "token/with+chars"};
  const int64_t now = 1765076400000;
  sign(r, "sqs", "us-east-1", c, now);
  EXPECT_EQ(*header(r, "X-Amz-Security-Token"), "token/with+chars");
  EXPECT_NE(header(r, "Authorization")
                ->find("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token"),
            std::string::npos);
  EXPECT_FALSE(protocol::verify_signature(as_received(r, "sqs.local:9443"), "secret", now));
}

}  // namespace
}  // namespace kinesisd::aws
