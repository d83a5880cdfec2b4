#include "kinesis/log/hash_key.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "kinesis/log/md5.hpp"
#include "kinesis/log/md5_lanes.hpp"

namespace kinesisd::log {

namespace {

HashKey big_endian(const std::array<uint8_t, 16>& digest) {
  uint64_t high, low;  // the digest read as a big-endian number, 8 bytes at a time
  std::memcpy(&high, digest.data(), 8);
  std::memcpy(&low, digest.data() + 8, 8);
  if constexpr (std::endian::native == std::endian::little) {
    high = __builtin_bswap64(high);
    low = __builtin_bswap64(low);
  }
  return (HashKey{high} << 64) | low;
}

}  // namespace

HashKey hash_partition_key(std::string_view partition_key) {
  return big_endian(md5(partition_key));
}

void hash_partition_keys(const std::string_view* keys, size_t n, HashKey* out) {
  const bool lanes = md5_lanes_available();
  std::string_view lane[8];
  size_t index[8];
  size_t filled = 0;
  std::array<uint8_t, 16> digests[8];
  auto flush = [&] {
    for (size_t k = filled; k < 8; ++k) lane[k] = lane[0];  // idle lanes repeat the first
    md5_eight(lane, digests);
    for (size_t k = 0; k < filled; ++k) out[index[k]] = big_endian(digests[k]);
    filled = 0;
  };
  for (size_t i = 0; i < n; ++i) {
    if (!lanes || keys[i].size() > kMd5LaneMaxBytes) {
      out[i] = hash_partition_key(keys[i]);
      continue;
    }
    lane[filled] = keys[i];
    index[filled] = i;
    if (++filled == 8) flush();
  }
  if (filled == 1)
    out[index[0]] = hash_partition_key(lane[0]);
  else if (filled > 1)
    flush();
}

std::optional<HashKey> parse_hash_key(std::string_view decimal) {
  if (decimal.empty() || decimal.size() > 39) return std::nullopt;
  HashKey value = 0;
  for (char c : decimal) {
    if (c < '0' || c > '9') return std::nullopt;
    HashKey digit = static_cast<HashKey>(c - '0');
    if (value > (kMaxHashKey - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::string to_decimal(HashKey key) {
  if (key == 0) return "0";
  std::string out;
  while (key != 0) {
    out.push_back(static_cast<char>('0' + static_cast<int>(key % 10)));
    key /= 10;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<HashKeyRange> split_key_space(unsigned count) {
  // floor(2^128 / n) computed without 2^128: it is floor((2^128-1)/n), plus one
  // when n divides 2^128 exactly (then (2^128-1) mod n == n-1).
  const HashKey n = count;
  HashKey width = kMaxHashKey / n;
  if (kMaxHashKey % n == n - 1) ++width;
  std::vector<HashKeyRange> ranges(count);
  for (unsigned i = 0; i < count; ++i) {
    ranges[i].start = width * i;
    ranges[i].end = (i + 1 == count) ? kMaxHashKey : width * (i + 1) - 1;
  }
  return ranges;
}

}  // namespace kinesisd::log
