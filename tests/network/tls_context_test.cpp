#include "network/tls_context.hpp"

#include "network/certificate_cache.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <unistd.h>

#include <chrono>
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
std::string handshake(boost::asio::ssl::context& server, const std::string& trusted,
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
  SSL* srv = SSL_new(server.native_handle());
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

// A localhost certificate and key, as files (the certificate cache's).
CertificateFiles localhost_files() {
  return localhost_certificate("", scratch("").parent_path().string(), "tls-test");
}

TEST(TlsContext, AClientTrustingTheCertificateFileCompletesTheHandshake) {
  const auto files = localhost_files();
  std::ifstream in(files.cert_file);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "-----BEGIN CERTIFICATE-----");
  auto tls = make_tls_context({files.cert_file, files.key_file});
  // A client that trusts only that file completes the handshake (checked inside).
  EXPECT_EQ(handshake(*tls, files.cert_file, std::string("\x02h2\x08http/1.1", 12)), "h2");
}

TEST(TlsContext, AlpnPrefersH2ThenHttp11ElseNone) {
  const auto files = localhost_files();
  auto tls = make_tls_context({files.cert_file, files.key_file});
  EXPECT_EQ(handshake(*tls, files.cert_file, std::string("\x08http/1.1\x02h2", 12)), "h2");
  EXPECT_EQ(handshake(*tls, files.cert_file, std::string("\x08http/1.1", 9)), "http/1.1");
  EXPECT_EQ(handshake(*tls, files.cert_file, std::string("\x06spdy/3", 7)), "");
  EXPECT_EQ(handshake(*tls, files.cert_file, ""), "");
}

TEST(TlsContext, MissingFilesAreNamedInTheError) {
  const auto files = localhost_files();
  try {
    make_tls_context({scratch("missing.crt").string(), files.key_file});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("--tls-cert " + scratch("missing.crt").string()),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(make_tls_context({files.cert_file, scratch("missing.key").string()}),
               std::runtime_error);
}

TEST(TlsProvider, AnEagerOneFailsAtOnceALazyOneAtItsFirstConnection) {
  EXPECT_THROW(TlsProvider({scratch("missing.crt").string(), scratch("missing.key").string()},
                           /*eager=*/true),
               std::runtime_error);
  TlsProvider broken({scratch("missing.crt").string(), scratch("missing.key").string()},
                     /*eager=*/false);  // nothing read yet
  EXPECT_EQ(broken.get(), nullptr);
  const auto files = localhost_files();
  TlsProvider lazy({files.cert_file, files.key_file}, /*eager=*/false);
  auto* first = lazy.get();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(lazy.get(), first);  // made once
}

TEST(CertificateCache, GeneratedOnceThenReusedAndMadeAgainWhenDeleted) {
  const auto dir = scratch("cache").string();
  fs::remove_all(dir);
  const auto first = localhost_certificate(dir, "/nonexistent", "x");
  EXPECT_FALSE(first.temporary);
  EXPECT_EQ(first.cert_file, dir + "/localhost.crt");
  EXPECT_EQ(fs::status(first.key_file).permissions() & fs::perms::others_read, fs::perms::none);
  const auto written = fs::last_write_time(first.cert_file);
  const auto again = localhost_certificate(dir, "/nonexistent", "x");
  EXPECT_EQ(fs::last_write_time(again.cert_file), written);  // reused, not made again
  fs::remove(again.cert_file);
  const auto remade = localhost_certificate(dir, "/nonexistent", "x");
  EXPECT_TRUE(fs::exists(remade.cert_file));
  // An old one (a week from expiring) is made again.
  fs::last_write_time(remade.cert_file,
                      fs::file_time_type::clock::now() - std::chrono::hours(24 * 360));
  localhost_certificate(dir, "/nonexistent", "x");
  EXPECT_GT(fs::last_write_time(remade.cert_file),
            fs::file_time_type::clock::now() - std::chrono::hours(1));
}

TEST(CertificateCache, WithoutACacheDirectoryTheRunGetsItsOwn) {
  const auto files = localhost_certificate("", scratch("").parent_path().string(), "4567");
  EXPECT_TRUE(files.temporary);
  EXPECT_EQ(fs::path(files.cert_file).filename(), "kinesisd-4567.crt");
  EXPECT_TRUE(fs::exists(files.key_file));
  EXPECT_EQ(certificate_cache_dir([](const char* n) -> const char* {
              return std::string_view(n) == "HOME" ? "/home/u" : nullptr;
            }),
            "/home/u/.cache/kinesisd");
  EXPECT_EQ(certificate_cache_dir([](const char* n) -> const char* {
              return std::string_view(n) == "XDG_CACHE_HOME" ? "/c" : "/home/u";
            }),
            "/c/kinesisd");
  EXPECT_EQ(certificate_cache_dir([](const char*) -> const char* { return nullptr; }), "");
}

}  // namespace
}  // namespace kinesisd::network
