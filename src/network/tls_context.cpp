#include "network/tls_context.hpp"

#include <openssl/ssl.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "network/self_signed_cert.hpp"

namespace kinesisd::network {
namespace {

namespace ssl = boost::asio::ssl;

// Picks h2, else http/1.1, from the client's length-prefixed ALPN list.
int select_alpn(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
                unsigned int inlen, void*) {
  for (std::string_view wanted : {std::string_view("h2"), std::string_view("http/1.1")}) {
    for (unsigned int i = 0; i < inlen;) {
      const unsigned int len = in[i];
      if (i + 1 + len > inlen) break;
      if (std::string_view(reinterpret_cast<const char*>(in + i + 1), len) == wanted) {
        *out = in + i + 1;
        *outlen = static_cast<unsigned char>(len);
        return SSL_TLSEXT_ERR_OK;
      }
      i += 1 + len;
    }
  }
  return SSL_TLSEXT_ERR_NOACK;  // no ALPN: HTTP/1.1
}

}  // namespace

void write_certificate(const std::string& path, const std::string& text) {
  const std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write the TLS certificate to " + path);
  }
  std::filesystem::rename(tmp, p, ec);
  if (ec) throw std::runtime_error("cannot write the TLS certificate to " + path);
}

TlsContext make_tls_context(const TlsSettings& settings) {
  TlsContext out;
  out.context = std::make_shared<ssl::context>(ssl::context::tls_server);
  auto& ctx = *out.context;
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                  ssl::context::single_dh_use);
  boost::system::error_code ec;
  if (!settings.cert_file.empty() || !settings.key_file.empty()) {
    if (settings.cert_file.empty() || settings.key_file.empty())
      throw std::runtime_error("--tls-cert and --tls-key go together");
    ctx.use_certificate_chain_file(settings.cert_file, ec);
    if (ec) throw std::runtime_error("--tls-cert " + settings.cert_file + ": " + ec.message());
    ctx.use_private_key_file(settings.key_file, ssl::context::pem, ec);
    if (ec) throw std::runtime_error("--tls-key " + settings.key_file + ": " + ec.message());
    out.cert_path = settings.cert_file;
  } else {
    const PemPair pair = generate_self_signed_localhost();
    ctx.use_certificate_chain(boost::asio::buffer(pair.certificate), ec);
    if (!ec) ctx.use_private_key(boost::asio::buffer(pair.private_key), ssl::context::pem, ec);
    if (ec) throw std::runtime_error("the generated TLS certificate: " + ec.message());
    out.generated_cert_pem = pair.certificate;
  }
  SSL_CTX_set_alpn_select_cb(ctx.native_handle(), select_alpn, nullptr);
  return out;
}

std::string_view alpn_protocol(const SSL* ssl) {
  const unsigned char* data = nullptr;
  unsigned int len = 0;
  SSL_get0_alpn_selected(ssl, &data, &len);
  return data ? std::string_view(reinterpret_cast<const char*>(data), len) : std::string_view();
}

}  // namespace kinesisd::network
