#include "protocol/utf8.hpp"

#include <gtest/gtest.h>

namespace kinesisd::protocol {
namespace {

TEST(Utf8, ValidationRejectsMalformedSequences) {
  EXPECT_TRUE(valid_utf8("plain"));
  EXPECT_TRUE(valid_utf8("\xf0\x9f\x98\x80"));   // an emoji
  EXPECT_FALSE(valid_utf8("\xc3"));              // cut short
  EXPECT_FALSE(valid_utf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));      // a surrogate
  EXPECT_FALSE(valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(valid_utf8("\xe2\x82"));          // cut short, 3 bytes
}

}  // namespace
}  // namespace kinesisd::protocol
