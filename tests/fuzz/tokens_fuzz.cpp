// Shard iterators, page tokens and sequence numbers from outside: as given
// (a forged token must be refused), and sealed with the server's key, so the
// payload parsers behind the MAC are reached too.
#include "fuzz_input.hpp"
#include "kinesis/log/sequence_number.hpp"
#include "protocol/page_token.hpp"
#include "protocol/shard_iterator.hpp"
#include "protocol/signed_token.hpp"

KINESISD_FUZZ_TARGET(tokens) {
  static const kinesisd::protocol::SignedToken signer(kinesisd::protocol::SignedToken::Key{7});
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace kinesisd::protocol;
  if (decode_shard_iterator(signer, text) || decode_page_token(signer, text)) {
    // Only tokens this key sealed open: an unsealed input that opens is a forgery.
    if (!signer.open(text)) __builtin_trap();
  }
  const std::string sealed = signer.seal(text);
  if (auto it = decode_shard_iterator(signer, sealed)) {
    const auto again = decode_shard_iterator(signer, encode_shard_iterator(signer, *it));
    if (!again) __builtin_trap();  // what we issue, we accept
  }
  (void)decode_page_token(signer, sealed);
  if (auto s = kinesisd::log::SequenceNumber::parse(text)) {
    if (kinesisd::log::SequenceNumber::parse(s->to_string()) != s) __builtin_trap();
  }
  (void)kinesisd::log::parse_first_layout(text);
  (void)kinesisd::log::valid_ordering_number(text, 1795345538077);
  return 0;
}
