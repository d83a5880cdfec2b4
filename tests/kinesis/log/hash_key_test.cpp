#include "kinesis/log/hash_key.hpp"

#include <gtest/gtest.h>

namespace kinesisd::log {

TEST(HashKey, Md5OfPartitionKeyIsBigEndian) {
  // MD5("a") = 0cc175b9c0f1b6a831c399e269772661 (RFC 1321, appendix A.5).
  EXPECT_EQ(to_decimal(hash_partition_key("a")), "16955237001963240173058271559858726497");
  EXPECT_EQ(to_decimal(hash_partition_key("pk1")), "329398341438914906102347661116985167824");
}

TEST(HashKey, ParsesTheWholeRangeAndNothingMore) {
  EXPECT_EQ(parse_hash_key("0"), HashKey{0});
  EXPECT_EQ(parse_hash_key("340282366920938463463374607431768211455"), kMaxHashKey);
  EXPECT_FALSE(parse_hash_key("340282366920938463463374607431768211456"));
  EXPECT_FALSE(parse_hash_key(""));
  EXPECT_FALSE(parse_hash_key("12a"));
  EXPECT_FALSE(parse_hash_key("-1"));
}

TEST(HashKey, TwoShardsSplitAtTwoToThe127) {
  auto r = split_key_space(2);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(to_decimal(r[0].start), "0");
  EXPECT_EQ(to_decimal(r[0].end), "170141183460469231731687303715884105727");
  EXPECT_EQ(to_decimal(r[1].start), "170141183460469231731687303715884105728");
  EXPECT_EQ(r[1].end, kMaxHashKey);
}

TEST(HashKey, ThreeShardsMatchTheAwsCliExample) {
  auto r = split_key_space(3);
  EXPECT_EQ(to_decimal(r[0].end), "113427455640312821154458202477256070484");
  EXPECT_EQ(to_decimal(r[1].end), "226854911280625642308916404954512140969");
  EXPECT_EQ(to_decimal(r[2].end), "340282366920938463463374607431768211455");
}

TEST(HashKey, RangesTileTheKeySpace) {
  for (unsigned n : {1u, 5u, 7u, 64u, 500u}) {
    auto r = split_key_space(n);
    EXPECT_EQ(r.front().start, HashKey{0});
    EXPECT_EQ(r.back().end, kMaxHashKey);
    for (size_t i = 1; i < r.size(); ++i) EXPECT_EQ(r[i].start, r[i - 1].end + 1);
  }
}

}  // namespace kinesisd::log
