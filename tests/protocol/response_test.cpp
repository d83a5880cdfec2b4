#include "protocol/response.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

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

}  // namespace
}  // namespace kinesisd::protocol
