// The eight-lane MD5 gives the digests RFC 1321's does, for every length a
// lane takes, and hash_partition_keys the keys hash_partition_key gives,
// whatever mix of short and long keys it is handed.
#include "kinesis/log/md5_lanes.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kinesis/log/hash_key.hpp"
#include "kinesis/log/md5.hpp"

namespace kinesisd::log {
namespace {

std::string text(size_t size, int seed) {
  std::string s;
  for (size_t i = 0; i < size; ++i) s.push_back(static_cast<char>(seed * 31 + i * 7 + 1));
  return s;
}

TEST(Md5Lanes, EightAtOnceAsOneByOne) {
  if (!md5_lanes_available()) GTEST_SKIP() << "no AVX2 on this CPU";
  std::vector<std::string> inputs;
  for (size_t size = 0; size <= kMd5LaneMaxBytes; ++size) inputs.push_back(text(size, int(size)));
  while (inputs.size() % 8) inputs.push_back("x");
  for (size_t first = 0; first < inputs.size(); first += 8) {
    std::string_view in[8];
    for (int k = 0; k < 8; ++k) in[k] = inputs[first + k];
    std::array<uint8_t, 16> out[8];
    md5_eight(in, out);
    for (int k = 0; k < 8; ++k) EXPECT_EQ(out[k], md5(in[k])) << in[k].size();
  }
}

TEST(Md5Lanes, ManyKeysOfAnyLength) {
  std::vector<std::string> keys;
  for (int i = 0; i < 300; ++i) keys.push_back(text(size_t(i * 13 % 257), i));
  keys.push_back("");
  std::vector<std::string_view> views(keys.begin(), keys.end());
  for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{9}, views.size()}) {
    std::vector<HashKey> out(n);
    hash_partition_keys(views.data(), n, out.data());
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(out[i], hash_partition_key(views[i])) << i;
  }
  // md5("a") = 0cc175b9c0f1b6a831c399e269772661, read big-endian.
  const std::string_view a = "a";
  HashKey key = 0;
  hash_partition_keys(&a, 1, &key);
  EXPECT_EQ(to_decimal(key),
            to_decimal((HashKey{0x0cc175b9c0f1b6a8ull} << 64) | 0x31c399e269772661ull));
}

}  // namespace
}  // namespace kinesisd::log
