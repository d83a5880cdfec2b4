#include "protocol/base64.hpp"

#include <gtest/gtest.h>

namespace kinesisd::protocol {

TEST(Base64, RoundTripsEveryLengthAndByte) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    const auto text = base64_encode(bytes);
    EXPECT_EQ(base64_decoded_size(text), bytes.size());
    EXPECT_EQ(base64_decode(text), bytes);
    bytes.push_back(static_cast<char>(i * 37));
  }
  EXPECT_EQ(base64_encode("hello"), "aGVsbG8=");
}

TEST(Base64, ExplainsInvalidInputInCoralsWords) {
  EXPECT_EQ(base64_problem("abc"),
            "Base64 encoded length is expected a multiple of 4 bytes but found: 3");
  EXPECT_EQ(base64_problem("ab!d"), "Invalid Base64 character: '!'");
  EXPECT_EQ(base64_problem("a=bc"), "Invalid Base64 character: '='");
  EXPECT_EQ(base64_problem("aGVsbG9="), "Invalid last non-pad Base64 character dectected");
  EXPECT_EQ(base64_problem("aGVsbG8="), "");
  EXPECT_FALSE(base64_decode("abc"));
}

}  // namespace kinesisd::protocol
