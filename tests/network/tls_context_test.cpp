#include "network/tls_context.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace kinesisd::network {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("kinesisd-tls-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

// A full TLS handshake in memory; returns the ALPN protocol the server chose.
// The client trusts only the certificate file `trusted`.
std::string handshake(TlsContext& server, const std::string& trusted,
                      const std::string& client_alpn) {
  SSL_CTX* client_ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_load_verify_locations(client_ctx, trusted.c_str(), nullptr);
  SSL_CTX_set_verify(client_ctx, SSL_VERIFY_PEER, nullptr);
  if (!client_alpn.empty())
    SSL_CTX_set_alpn_protos(client_ctx, reinterpret_cast<const unsigned char*>(client_alpn.data()),
                            static_cast<unsigned>(client_alpn.size()));
  SSL* client = SSL_new(client_ctx);
  SSL_set_tlsext_host_name(client, "localhost");
  SSL_set1_host(client, "localhost");
  SSL* srv = SSL_new(server.context->native_handle());
  BIO *client_bio = nullptr, *server_bio = nullptr;
  BIO_new_bio_pair(&client_bio, 0, &server_bio, 0);
  SSL_set_bio(client, client_bio, client_bio);
  SSL_set_bio(srv, server_bio, server_bio);
  SSL_set_connect_state(client);
  SSL_set_accept_state(srv);
  bool client_done = false, server_done = false;
  for (int i = 0; i < 100 && !(client_done && server_done); ++i) {
    if (!client_done) client_done = SSL_do_handshake(client) == 1;
    if (!server_done) server_done = SSL_do_handshake(srv) == 1;
  }
  EXPECT_TRUE(client_done && server_done) << "handshake failed";
  EXPECT_EQ(SSL_get_verify_result(client), X509_V_OK);
  std::string chosen(alpn_protocol(srv));
  SSL_free(client);
  SSL_free(srv);
  SSL_CTX_free(client_ctx);
  return chosen;
}

TEST(TlsContext, GeneratedCertificateIsWrittenOutAndTrustable) {
  const auto out = scratch("generated.crt");
  auto tls = make_tls_context({"", ""});
  EXPECT_EQ(tls.cert_path, "");
  ASSERT_FALSE(tls.generated_cert_pem.empty());
  write_certificate(out.string(), tls.generated_cert_pem);
  ASSERT_TRUE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out.string() + ".tmp"));
  std::ifstream in(out);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "-----BEGIN CERTIFICATE-----");
  // A client that trusts only that file completes the handshake (checked inside).
  EXPECT_EQ(handshake(tls, out.string(), std::string("\x02h2\x08http/1.1", 12)), "h2");
}

TEST(TlsContext, AlpnPrefersH2ThenHttp11ElseNone) {
  auto tls = make_tls_context({"", ""});
  const auto cert = scratch("alpn.crt").string();
  write_certificate(cert, tls.generated_cert_pem);
  EXPECT_EQ(handshake(tls, cert, std::string("\x08http/1.1\x02h2", 12)), "h2");
  EXPECT_EQ(handshake(tls, cert, std::string("\x08http/1.1", 9)), "http/1.1");
  EXPECT_EQ(handshake(tls, cert, std::string("\x06spdy/3", 7)), "");
  EXPECT_EQ(handshake(tls, cert, ""), "");
}

TEST(TlsContext, ServesGivenFilesAndRefusesHalfAPair) {
  // Reuse a generated pair as the user's own files.
  auto generated = make_tls_context({"", ""});
  write_certificate(scratch("user.crt").string(), generated.generated_cert_pem);
  const auto key = scratch("user.key");
  {
    std::ofstream k(key);
    EVP_PKEY* pkey = SSL_CTX_get0_privatekey(generated.context->native_handle());
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    k.write(data, n);
    BIO_free(bio);
  }
  auto given = make_tls_context({scratch("user.crt").string(), key.string()});
  EXPECT_EQ(given.cert_path, scratch("user.crt").string());
  EXPECT_TRUE(given.generated_cert_pem.empty());
  EXPECT_EQ(handshake(given, given.cert_path, std::string("\x02h2", 3)), "h2");

  EXPECT_THROW(make_tls_context({scratch("user.crt").string(), ""}), std::runtime_error);
  EXPECT_THROW(make_tls_context({scratch("missing.crt").string(), key.string()}),
               std::runtime_error);
  fs::remove_all(scratch("").parent_path());
}

}  // namespace
}  // namespace kinesisd::network
