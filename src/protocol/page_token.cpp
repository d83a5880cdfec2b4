#include "protocol/page_token.hpp"

#include "protocol/byte_io.hpp"

namespace kinesisd::protocol {

std::string encode_page_token(const SignedToken& signer, const PageToken& t) {
  std::string raw;
  put_be(raw, 1, 1);
  put_be(raw, static_cast<uint64_t>(t.kind), 1);
  put_be(raw, static_cast<uint64_t>(t.issued_ms), 8);
  put_short_string(raw, t.region);
  put_short_string(raw, t.stream);
  put_short_string(raw, t.after);
  return signer.seal(raw);
}

std::optional<PageToken> decode_page_token(const SignedToken& signer, std::string_view text) {
  auto payload = signer.open(text);
  if (!payload) return std::nullopt;
  ByteReader r{*payload};
  if (r.be(1) != 1) return std::nullopt;
  PageToken t;
  const auto kind = r.be(1);
  if (kind < 1 || kind > 4) return std::nullopt;
  t.kind = static_cast<PageKind>(kind);
  t.issued_ms = static_cast<int64_t>(r.be(8));
  t.region = r.short_string();
  t.stream = r.short_string();
  t.after = r.short_string();
  if (!r.done()) return std::nullopt;
  return t;
}

}  // namespace kinesisd::protocol
