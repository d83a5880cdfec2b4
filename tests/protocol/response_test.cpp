#include "protocol/response.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <vector>

#include "protocol/base64.hpp"

namespace kinesisd::protocol {
namespace {

TEST(RequestIds, AreUuidsAndBase64OfSeventyTwoBytesNeverTheSame) {
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto id = new_request_id();
    EXPECT_TRUE(std::regex_match(id, uuid)) << id;
    const auto extended = new_extended_request_id();
    ASSERT_EQ(extended.size(), 96u);
    const auto bytes = base64_decode(extended);
    ASSERT_TRUE(bytes) << extended;
    EXPECT_EQ(bytes->size(), 72u);
    EXPECT_TRUE(seen.insert(id).second);
    EXPECT_TRUE(seen.insert(extended).second);
  }
}

// Every digit but the version's is random: over many ids each position takes
// many values (the variant's four), so no digit is stuck or copied from another.
TEST(RequestIds, EveryRandomDigitVaries) {
  std::vector<std::set<char>> digits(36);
  for (int i = 0; i < 2000; ++i) {
    const auto id = new_request_id();
    for (size_t k = 0; k < id.size(); ++k) digits[k].insert(id[k]);
  }
  for (size_t k = 0; k < 36; ++k) {
    if (k == 8 || k == 13 || k == 18 || k == 23) {
      EXPECT_EQ(digits[k], std::set<char>{'-'}) << k;
    } else if (k == 14) {
      EXPECT_EQ(digits[k], std::set<char>{'4'});
    } else if (k == 19) {
      EXPECT_EQ(digits[k], (std::set<char>{'8', '9', 'a', 'b'}));
    } else {
      EXPECT_EQ(digits[k].size(), 16u) << k;
    }
  }
}

}  // namespace
}  // namespace kinesisd::protocol
