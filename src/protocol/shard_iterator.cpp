#include "protocol/shard_iterator.hpp"

#include <algorithm>
#include <atomic>
#include <optional>

#include "protocol/byte_io.hpp"

namespace kinesisd::protocol {
namespace {
constexpr unsigned char kMagic[8] = {0, 0, 0, 0, 0, 0, 0, 1};
constexpr uint64_t kShaped = 4;
constexpr uint64_t kVersion = 3;
constexpr uint64_t kVersionWithoutAccount = 2;
constexpr uint64_t kVersionWithoutSerial = 1;
std::atomic<uint64_t> next_serial{1};

constexpr uint64_t kSixBytes = uint64_t{1} << 48;
constexpr size_t kBlock = 16;
constexpr size_t kMinBlocksBytes = 144;  // 152 decoded bytes with the header

// A 12-digit account id as a number (it fits 5 bytes), or nullopt.
std::optional<uint64_t> account_number(std::string_view account) {
  if (account.size() != 12) return std::nullopt;
  uint64_t n = 0;
  for (char c : account) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

bool shapeable(const ShardIteratorState& s) {
  return s.issued_ms >= 0 && static_cast<uint64_t>(s.issued_ms) < kSixBytes &&
         s.stream_created_ms >= 0 && static_cast<uint64_t>(s.stream_created_ms) < kSixBytes &&
         s.position < kSixBytes && account_number(s.account) && s.region.size() <= 14 &&
         s.stream_name.size() <= 128;
}

// Version 4: the fields in as few bytes as they need, then zeros, so that
// with the MAC the token decodes to an 8-byte header and whole 16-byte
// blocks, 152 to 200 bytes whatever the stream name's length, as AWS's do.
std::string shaped_payload(const ShardIteratorState& s, uint64_t serial) {
  std::string raw(reinterpret_cast<const char*>(kMagic), sizeof kMagic);
  put_be(raw, kShaped, 1);
  put_be(raw, static_cast<uint64_t>(s.issued_ms), 6);
  put_be(raw, static_cast<uint64_t>(s.stream_created_ms), 6);
  put_be(raw, s.position, 6);
  put_be(raw, s.shard_index, 4);
  put_be(raw, serial & 0xffffffff, 4);
  put_be(raw, *account_number(s.account), 5);
  put_short_string(raw, s.region);
  put_short_string(raw, s.stream_name);
  const size_t blocks = raw.size() - sizeof kMagic + SignedToken::kMacSize;
  const size_t padded = std::max(kMinBlocksBytes, (blocks + kBlock - 1) / kBlock * kBlock);
  raw.append(padded - blocks, '\0');
  return raw;
}

}  // namespace

std::string encode_shard_iterator(const SignedToken& signer, const ShardIteratorState& s) {
  const uint64_t serial = next_serial.fetch_add(1, std::memory_order_relaxed);
  if (shapeable(s)) return signer.seal(shaped_payload(s, serial));
  // Longer than any AWS region, or an account id that is not 12 digits.
  std::string raw(reinterpret_cast<const char*>(kMagic), sizeof kMagic);
  put_be(raw, kVersion, 1);
  put_be(raw, static_cast<uint64_t>(s.issued_ms), 8);
  put_be(raw, static_cast<uint64_t>(s.stream_created_ms), 8);
  put_be(raw, s.position, 8);
  put_be(raw, s.shard_index, 4);
  put_short_string(raw, s.region);
  put_short_string(raw, s.stream_name);
  put_be(raw, serial, 8);
  put_short_string(raw, s.account);
  return signer.seal(raw);
}

std::optional<ShardIteratorState> decode_shard_iterator(const SignedToken& signer,
                                                        std::string_view token) {
  auto payload = signer.open(token);
  if (!payload) return std::nullopt;
  ByteReader r{*payload};
  for (unsigned char m : kMagic)
    if (r.be(1) != m) return std::nullopt;
  const uint64_t version = r.be(1);
  if (version == kShaped) {
    ShardIteratorState s;
    s.issued_ms = static_cast<int64_t>(r.be(6));
    s.stream_created_ms = static_cast<int64_t>(r.be(6));
    s.position = r.be(6);
    s.shard_index = static_cast<uint32_t>(r.be(4));
    r.be(4);  // the serial
    const std::string account = std::to_string(r.be(5));
    s.account = std::string(12 - std::min<size_t>(12, account.size()), '0') + account;
    s.region = r.short_string();
    s.stream_name = r.short_string();
    if (!r.ok || r.in.find_first_not_of('\0') != std::string_view::npos) return std::nullopt;
    return s;
  }
  if (version != kVersion && version != kVersionWithoutAccount && version != kVersionWithoutSerial)
    return std::nullopt;
  ShardIteratorState s;
  s.issued_ms = static_cast<int64_t>(r.be(8));
  s.stream_created_ms = static_cast<int64_t>(r.be(8));
  s.position = r.be(8);
  s.shard_index = static_cast<uint32_t>(r.be(4));
  s.region = r.short_string();
  s.stream_name = r.short_string();
  if (version != kVersionWithoutSerial) r.be(8);  // the serial
  if (version == kVersion) s.account = r.short_string();
  if (!r.done()) return std::nullopt;
  return s;
}

}  // namespace kinesisd::protocol
