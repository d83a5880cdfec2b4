#include "protocol/shard_iterator.hpp"

#include <atomic>

#include "protocol/byte_io.hpp"

namespace kinesisd::protocol {
namespace {
constexpr unsigned char kMagic[8] = {0, 0, 0, 0, 0, 0, 0, 1};
constexpr uint64_t kVersion = 3;
constexpr uint64_t kVersionWithoutAccount = 2;
constexpr uint64_t kVersionWithoutSerial = 1;
std::atomic<uint64_t> next_serial{1};
}  // namespace

std::string encode_shard_iterator(const SignedToken& signer, const ShardIteratorState& s) {
  std::string raw(reinterpret_cast<const char*>(kMagic), sizeof kMagic);
  put_be(raw, kVersion, 1);
  put_be(raw, static_cast<uint64_t>(s.issued_ms), 8);
  put_be(raw, static_cast<uint64_t>(s.stream_created_ms), 8);
  put_be(raw, s.position, 8);
  put_be(raw, s.shard_index, 4);
  put_short_string(raw, s.region);
  put_short_string(raw, s.stream_name);
  put_be(raw, next_serial.fetch_add(1, std::memory_order_relaxed), 8);
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
