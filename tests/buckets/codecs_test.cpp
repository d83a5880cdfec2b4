#include "buckets/codecs.hpp"

#include <gtest/gtest.h>
#include <zstd.h>

#include <string>

namespace kinesisd::buckets {
namespace {

TEST(Codecs, ZstdIsOneFrameThatDecompressesToTheBytes) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "{\"contact\":" + std::to_string(i) + "}\n";
  const std::string packed = zstd(text);
  ASSERT_LT(packed.size(), text.size());
  // RFC 8878: a frame begins with the magic number 0xFD2FB528, little-endian.
  EXPECT_EQ(packed.substr(0, 4), std::string("\x28\xb5\x2f\xfd", 4));
  EXPECT_EQ(ZSTD_getFrameContentSize(packed.data(), packed.size()), text.size());
  std::string back(text.size(), '\0');
  EXPECT_EQ(ZSTD_decompress(back.data(), back.size(), packed.data(), packed.size()), text.size());
  EXPECT_EQ(back, text);
}

TEST(Codecs, ZstdOfNothingIsAnEmptyFrame) {
  const std::string packed = zstd("");
  EXPECT_EQ(ZSTD_getFrameContentSize(packed.data(), packed.size()), 0u);
}

}  // namespace
}  // namespace kinesisd::buckets
