#include "protocol/shard_iterator.hpp"

#include <gtest/gtest.h>

#include "protocol/base64.hpp"

namespace kinesisd::protocol {

TEST(ShardIterator, RoundTripsAndLooksLikeAws) {
  SignedToken signer;
  ShardIteratorState s{1795345538077, 1795345000000,         123456789,     7,
                       "us-east-1",   std::string(128, 'n'), "111122223333"};
  const auto token = encode_shard_iterator(signer, s);
  EXPECT_EQ(token.rfind("AAAAAAAAAAE", 0), 0u);
  EXPECT_LE(token.size(), 512u);
  EXPECT_EQ(decode_shard_iterator(signer, token), s);
}

// AWS's iterators decode to an 8-byte header and whole 16-byte blocks, 152 to
// 200 bytes whatever the stream name's length (recorded AWS iterators: the
// conformance run of #34, family 2).
TEST(ShardIterator, DecodesTo152To200BytesOfWholeBlocks) {
  SignedToken signer;
  for (const char* region : {"us-east-1", "ap-southeast-5"})
    for (size_t n : {size_t{1}, size_t{20}, size_t{57}, size_t{100}, size_t{128}}) {
      const ShardIteratorState s{1795345538077, 1795345000000,       123456789,     4000,
                                 region,        std::string(n, 'x'), "000000000000"};
      const auto token = encode_shard_iterator(signer, s);
      const auto raw = base64_decode(token);
      ASSERT_TRUE(raw);
      EXPECT_GE(raw->size(), 152u) << n;
      EXPECT_LE(raw->size(), 200u) << n;
      EXPECT_EQ((raw->size() - 8) % 16, 0u) << n;
      EXPECT_EQ(decode_shard_iterator(signer, token), s);
    }
  // The zeros are covered by the MAC: a token with one changed is refused.
  auto raw =
      *base64_decode(encode_shard_iterator(signer, {1, 2, 3, 4, "us-east-1", "s", "111122223333"}));
  raw[raw.size() - 17] = '\x01';
  EXPECT_FALSE(decode_shard_iterator(signer, base64_encode(raw)));
}

TEST(ShardIterator, EveryFlippedBitIsRejected) {
  SignedToken signer;
  // Version 4 (shaped), and version 3 (an account id that is not 12 digits).
  for (const std::string account : {"111122223333", "a"}) {
    const auto shaped = encode_shard_iterator(signer, {1, 2, 3, 4, "r", "s", account});
    auto raw = *base64_decode(shaped);
    for (size_t i = 0; i < raw.size(); ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        std::string forged = raw;
        forged[i] = static_cast<char>(forged[i] ^ (1 << bit));
        EXPECT_FALSE(decode_shard_iterator(signer, base64_encode(forged))) << i << ":" << bit;
      }
    }
  }
  const auto token = encode_shard_iterator(signer, {1, 2, 3, 4, "r", "s", "a"});
  EXPECT_FALSE(decode_shard_iterator(signer, token.substr(0, token.size() - 4)));
  EXPECT_FALSE(decode_shard_iterator(signer, "not base64!"));
  EXPECT_FALSE(decode_shard_iterator(signer, ""));
  EXPECT_FALSE(decode_shard_iterator(SignedToken{}, token));  // another process's key
}

// Every iterator handed out is a new one, even for the same state.
TEST(ShardIterator, EachIsNew) {
  SignedToken signer;
  const ShardIteratorState s{1, 2, 3, 4, "r", "s", "a"};
  const auto a = encode_shard_iterator(signer, s), b = encode_shard_iterator(signer, s);
  EXPECT_NE(a, b);
  EXPECT_EQ(decode_shard_iterator(signer, a), decode_shard_iterator(signer, b));
}

// The payload of an older iterator for issued 5, created 6, position 7,
// shard 2 of stream "s" in region "r": the fields every version has.
namespace {
std::string older_payload(char version) {
  std::string raw("\0\0\0\0\0\0\0\1", 8);
  raw.push_back(version);
  for (uint64_t v : {uint64_t{5}, uint64_t{6}, uint64_t{7}})
    for (int i = 7; i >= 0; --i) raw.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  raw.append("\0\0\0\x02", 4);
  raw.append("\x01r\x01s", 4);
  return raw;
}
}  // namespace

// Iterators written before the serial was added (version 1, perhaps by the
// kinesisd that ran on this data directory before) still read.
TEST(ShardIterator, VersionOneStillReads) {
  SignedToken signer;
  const auto state = decode_shard_iterator(signer, signer.seal(older_payload(1)));
  ASSERT_TRUE(state);
  EXPECT_EQ(*state, (ShardIteratorState{5, 6, 7, 2, "r", "s", ""}));
}

// Version 2 (the serial, no account) reads in the default account ("").
TEST(ShardIterator, VersionTwoStillReads) {
  SignedToken signer;
  std::string raw = older_payload(2);
  raw.append(8, '\x09');  // the serial
  const auto state = decode_shard_iterator(signer, signer.seal(raw));
  ASSERT_TRUE(state);
  EXPECT_EQ(*state, (ShardIteratorState{5, 6, 7, 2, "r", "s", ""}));
  raw.push_back('\0');  // a byte past the end
  EXPECT_FALSE(decode_shard_iterator(signer, signer.seal(raw)));
}

}  // namespace kinesisd::protocol
