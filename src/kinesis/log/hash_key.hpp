// 128-bit hash keys and MD5 partition-key routing.
//
// Kinesis maps every record onto the key space [0, 2^128 - 1]: the hash key is
// MD5(UTF-8 bytes of PartitionKey) read as a big-endian unsigned 128-bit
// integer, unless the caller gives an ExplicitHashKey (decimal text).
// A stream of N shards starts with ranges of width w = floor(2^128 / N):
// shard i covers [i*w, (i+1)*w - 1] and the last shard ends at 2^128 - 1.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kinesisd::log {

using HashKey = unsigned __int128;

inline constexpr HashKey kMaxHashKey = ~HashKey{0};

// MD5 of the bytes, big-endian.
HashKey hash_partition_key(std::string_view partition_key);
// The same for keys[0..n) into out[0..n), eight short keys at a time where
// the CPU can (md5_lanes.hpp).
void hash_partition_keys(const std::string_view* keys, size_t n, HashKey* out);

// Parses decimal text without sign or leading zeros beyond "0". nullopt when
// the text is not a number or the value exceeds 2^128 - 1.
std::optional<HashKey> parse_hash_key(std::string_view decimal);

std::string to_decimal(HashKey key);

struct HashKeyRange {
  HashKey start = 0;
  HashKey end = kMaxHashKey;
  bool contains(HashKey k) const { return start <= k && k <= end; }
};

// The initial ranges of a stream of `count` shards (count >= 1).
std::vector<HashKeyRange> split_key_space(unsigned count);

}  // namespace kinesisd::log
