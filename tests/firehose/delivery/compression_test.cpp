#include "firehose/delivery/compression.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace kinesisd::delivery {
namespace {

std::string gunzip(const std::string& in) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  std::string out(1 << 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(Compression, GzipIsAGzipStreamOfTheBytes) {
  const std::string text = "{\"ContactId\":\"c-1\"}\n{\"ContactId\":\"c-2\"}\n";
  const std::string packed = compress("GZIP", text);
  ASSERT_GE(packed.size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // RFC 1952's magic
  EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
  EXPECT_EQ(gunzip(packed), text);
  EXPECT_EQ(compressed_extension("GZIP"), ".gz");
}

TEST(Compression, UncompressedPassesThrough) {
  EXPECT_EQ(compress("UNCOMPRESSED", "abc"), "abc");
  EXPECT_EQ(compressed_extension("UNCOMPRESSED"), "");
}

}  // namespace
}  // namespace kinesisd::delivery
