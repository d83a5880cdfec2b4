// Tamper-evident opaque tokens (shard iterators, pagination NextTokens).
//
// token = base64( payload | first 16 bytes of HMAC-SHA256(key, payload) )
// The key is random per process unless given (tests), so tokens do not
// survive a restart, as they would not survive a region failover in AWS.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kinesisd::protocol {

class SignedToken {
 public:
  using Key = std::array<unsigned char, 32>;
  static constexpr size_t kMacSize = 16;

  SignedToken();  // random key
  explicit SignedToken(Key key) : key_(key) {}

  std::string seal(std::string_view payload) const;
  // The payload, or nullopt when the token was not sealed with this key.
  std::optional<std::string> open(std::string_view token) const;

 private:
  Key key_;
};

}  // namespace kinesisd::protocol
