// Pagination NextTokens (ListStreams, ListShards, ListStreamConsumers, ListChannels). Sealed by
// SignedToken:
//   version (1 byte, = 1) | kind (1) | issued_ms (8, big-endian)
//   | region (1 + bytes) | stream (1 + bytes) | after (1 + bytes)
// `after` is the last stream name, shard id or consumer name returned. AWS expires them
// after 300 s (ExpiredNextTokenException).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/signed_token.hpp"

namespace kinesisd::protocol {

enum class PageKind : uint8_t { kStreams = 1, kShards = 2, kConsumers = 3, kChannels = 4 };

struct PageToken {
  PageKind kind = PageKind::kStreams;
  int64_t issued_ms = 0;
  std::string region;
  std::string stream;
  std::string after;
};

inline constexpr int64_t kPageTokenLifetimeMs = 300'000;

std::string encode_page_token(const SignedToken& signer, const PageToken& token);
std::optional<PageToken> decode_page_token(const SignedToken& signer, std::string_view text);

}  // namespace kinesisd::protocol
