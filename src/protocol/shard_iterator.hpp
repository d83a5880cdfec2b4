// Shard iterator tokens: opaque to clients, tamper-evident, self-contained.
//
// Version 4, what is issued: shaped like AWS's, whose iterators decode to an
// 8-byte header 00 00 00 00 00 00 00 01 and whole 16-byte blocks, 152 to 200
// bytes whatever the stream name's length (#34, family 2):
//   magic 8 | version 1 = 4 | issued_ms 6 | stream_created_ms 6 | position 6
//   | shard_index 4 | serial 4 | account 5 (the 12-digit id as a number)
//   | region length 1 + bytes | stream length 1 + bytes | zeros
// then the 16-byte MAC (SignedToken), the zeros making the part after the
// header whole blocks, at least 9. A state that does not fit (a region longer
// than AWS's 14 characters, an account id that is not 12 digits) is written
// as version 3. Versions 1 to 3 still read:
//
// The payload sealed by SignedToken (base64 of about 60 + names bytes, well
// under the 512-character limit):
//   magic   8 bytes  00 00 00 00 00 00 00 01 (real iterators start "AAAAAAAAAAE")
//   version 1 byte   = 3 (2: the same without the account, 1: also without
//                    the serial; both still read, in the default account)
//   issued_ms (8, big-endian) | stream_created_ms (8) | position (8)
//   shard_index (4) | region length (1) + bytes | stream length (1) + bytes
//   serial (8) | account length (1) + bytes
// stream_created_ms tells a deleted and re-created stream of the same name apart.
// The serial makes every iterator handed out a new one, even two for the same
// position in the same millisecond: AWS's NextShardIterator differs on every
// GetRecords (localstack's tests/aws/services/kinesis/test_kinesis.py
// test_get_records_next_shard_iterator, validated against AWS).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/signed_token.hpp"

namespace kinesisd::protocol {

struct ShardIteratorState {
  int64_t issued_ms = 0;
  int64_t stream_created_ms = 0;
  uint64_t position = 0;
  uint32_t shard_index = 0;
  std::string region;
  std::string stream_name;
  std::string account;  // "" in the iterators of versions 1 and 2

  friend bool operator==(const ShardIteratorState&, const ShardIteratorState&) = default;
};

inline constexpr int64_t kShardIteratorLifetimeMs = 300'000;

std::string encode_shard_iterator(const SignedToken& signer, const ShardIteratorState& state);
// nullopt for anything encode_shard_iterator did not produce with this signer.
std::optional<ShardIteratorState> decode_shard_iterator(const SignedToken& signer,
                                                        std::string_view token);

}  // namespace kinesisd::protocol
