#include "kinesis/log/hash_key.hpp"

#include <algorithm>

#include "kinesis/log/md5.hpp"

namespace kinesisd::log {

HashKey hash_partition_key(std::string_view partition_key) {
  const auto digest = md5(partition_key);
  HashKey key = 0;
  for (uint8_t byte : digest) key = (key << 8) | byte;
  return key;
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
