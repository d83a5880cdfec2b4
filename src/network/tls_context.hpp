// The server's TLS configuration: a certificate and key from files (given
// with --tls-cert/--tls-key, or the cached localhost one:
// network/certificate_cache), TLS 1.2 and up, and ALPN choosing "h2" when the
// client offers it, else "http/1.1".
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace kinesisd::network {

struct TlsSettings {
  std::string cert_file;                                         // PEM chain
  std::string key_file;                                          // PEM private key
  std::string what_cert = "--tls-cert", what_key = "--tls-key";  // for messages
};

// Throws std::runtime_error naming the file that failed.
std::shared_ptr<boost::asio::ssl::context> make_tls_context(const TlsSettings& settings);

// The context, made once: at once when `eager` (a certificate the user gave:
// a mistake in it stops start-up), else when the first TLS connection
// arrives, so OpenSSL's start-up time and memory are spent only when TLS is
// used. Thread-safe.
class TlsProvider {
 public:
  // Throws std::runtime_error when `eager` and the context cannot be made.
  TlsProvider(TlsSettings settings, bool eager);
  // nullptr when it cannot be made (why is logged, once).
  boost::asio::ssl::context* get();

 private:
  const TlsSettings settings_;
  std::once_flag once_;
  std::shared_ptr<boost::asio::ssl::context> context_;
};

// The ALPN protocol negotiated on a finished handshake ("" when none).
std::string_view alpn_protocol(const SSL* ssl);

}  // namespace kinesisd::network
