#include "network/tls_context.hpp"

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <stdexcept>

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

std::shared_ptr<ssl::context> make_tls_context(const TlsSettings& settings) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  auto& ctx = *context;
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                  ssl::context::single_dh_use);
  boost::system::error_code ec;
  ctx.use_certificate_chain_file(settings.cert_file, ec);
  if (ec)
    throw std::runtime_error(settings.what_cert + " " + settings.cert_file + ": " + ec.message());
  ctx.use_private_key_file(settings.key_file, ssl::context::pem, ec);
  if (ec)
    throw std::runtime_error(settings.what_key + " " + settings.key_file + ": " + ec.message());
  SSL_CTX_set_alpn_select_cb(ctx.native_handle(), select_alpn, nullptr);
  return context;
}

TlsProvider::TlsProvider(TlsSettings settings, bool eager) : settings_(std::move(settings)) {
  if (!eager) return;
  // Made here, not inside call_once: an exception must not cross it (GCC's
  // std::call_once does not survive one).
  context_ = make_tls_context(settings_);
  std::call_once(once_, [] {});
}

ssl::context* TlsProvider::get() {
  std::call_once(once_, [this] {
    try {
      context_ = make_tls_context(settings_);
    } catch (const std::exception& e) {
      spdlog::error("TLS connections are refused: {}", e.what());
    }
  });
  return context_.get();
}

std::string_view alpn_protocol(const SSL* ssl) {
  const unsigned char* data = nullptr;
  unsigned int len = 0;
  SSL_get0_alpn_selected(ssl, &data, &len);
  return data ? std::string_view(reinterpret_cast<const char*>(data), len) : std::string_view();
}

}  // namespace kinesisd::network
