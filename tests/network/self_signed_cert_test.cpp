#include "network/self_signed_cert.hpp"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace kinesisd::network {
namespace {

X509* parse(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return cert;
}

TEST(SelfSignedCert, NamesLocalhostAndLoopbackAndMatchesItsKey) {
  const PemPair pair = generate_self_signed_localhost();
  X509* cert = parse(pair.certificate);
  ASSERT_NE(cert, nullptr);
  EXPECT_EQ(X509_check_host(cert, "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(cert, "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(cert, "::1", 0), 1);
  EXPECT_NE(X509_check_host(cert, "example.com", 0, 0, nullptr), 1);
  // Self-signed: its own key verifies it.
  BIO* bio = BIO_new_mem_buf(pair.private_key.data(), static_cast<int>(pair.private_key.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(X509_check_private_key(cert, key), 1);
  EXPECT_EQ(X509_verify(cert, key), 1);
  // Valid now, and for about a year.
  EXPECT_LT(X509_cmp_current_time(X509_get0_notBefore(cert)), 0);
  EXPECT_GT(X509_cmp_current_time(X509_get0_notAfter(cert)), 0);
  EVP_PKEY_free(key);
  X509_free(cert);
}

TEST(SelfSignedCert, EachCallMakesANewKey) {
  EXPECT_NE(generate_self_signed_localhost().private_key,
            generate_self_signed_localhost().private_key);
}

}  // namespace
}  // namespace kinesisd::network
