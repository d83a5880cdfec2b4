#include "protocol/signed_token.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "protocol/base64.hpp"

namespace kinesisd::protocol {
namespace {

SignedToken::Key random_key() {
  SignedToken::Key key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
  return key;
}

void mac_of(const SignedToken::Key& key, std::string_view payload, unsigned char* out) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac, &len);
  std::copy(mac, mac + SignedToken::kMacSize, out);
}

}  // namespace

SignedToken::SignedToken() : key_(random_key()) {}

std::string SignedToken::seal(std::string_view payload) const {
  std::string raw(payload);
  unsigned char mac[kMacSize];
  mac_of(key_, payload, mac);
  raw.append(reinterpret_cast<const char*>(mac), kMacSize);
  return base64_encode(raw);
}

std::optional<std::string> SignedToken::open(std::string_view token) const {
  auto raw = base64_decode(token);
  if (!raw || raw->size() < kMacSize) return std::nullopt;
  const std::string_view payload(raw->data(), raw->size() - kMacSize);
  unsigned char mac[kMacSize];
  mac_of(key_, payload, mac);
  if (CRYPTO_memcmp(mac, raw->data() + payload.size(), kMacSize) != 0) return std::nullopt;
  raw->resize(payload.size());
  return raw;
}

}  // namespace kinesisd::protocol
