// The server's TLS configuration: the certificate (given, or generated for
// localhost and written out for clients to trust), TLS 1.2 and up, and ALPN
// choosing "h2" when the client offers it, else "http/1.1".
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace kinesisd::network {

struct TlsSettings {
  std::string cert_file;  // PEM chain; with key_file, or both empty
  std::string key_file;   // PEM private key
};

struct TlsContext {
  std::shared_ptr<boost::asio::ssl::context> context;
  std::string cert_path;           // the given certificate; "" when generated
  std::string generated_cert_pem;  // the generated certificate; "" when given
};

// Throws std::runtime_error naming the file or step that failed.
TlsContext make_tls_context(const TlsSettings& settings);

// Writes a generated certificate where clients can read it (whole, under a
// temporary name first). Throws std::runtime_error.
void write_certificate(const std::string& path, const std::string& pem);

// The ALPN protocol negotiated on a finished handshake ("" when none).
std::string_view alpn_protocol(const SSL* ssl);

}  // namespace kinesisd::network
