// A certificate for localhost, generated when no --tls-cert is given and none
// is cached (network/certificate_cache): an ECDSA P-256 key and a
// self-signed certificate valid for one year,
// with subjectAltName DNS:localhost, IP:127.0.0.1 and IP:::1 (what the SDKs
// check). The PEM certificate is what clients add to their trust store.
#pragma once

#include <string>

namespace kinesisd::network {

struct PemPair {
  std::string certificate;  // PEM
  std::string private_key;  // PEM (PKCS#8)
};

// Throws std::runtime_error when OpenSSL fails.
PemPair generate_self_signed_localhost();

}  // namespace kinesisd::network
