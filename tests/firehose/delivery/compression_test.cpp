#include "firehose/delivery/compression.hpp"

#include <gtest/gtest.h>
#include <snappy.h>
#include <zlib.h>

#include <cstdint>

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

// Enough lines that the framings hold several chunks and blocks.
std::string lines(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += R"({"ContactId":"c-)" + std::to_string(i) + "\"}\n";
  return out;
}

uint32_t read_le(std::string_view s, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint32_t{static_cast<uint8_t>(s[at + i])} << (8 * i);
  return v;
}

uint32_t read_be32(std::string_view s, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(s[at + i]);
  return v;
}

TEST(Compression, SnappyIsTheFramingFormatInChunksOfAtMost64KiB) {
  const std::string text = lines(20000);  // ~530 KB: 9 chunks
  const std::string packed = compress("Snappy", text);
  ASSERT_EQ(packed.substr(0, 10), std::string("\xff\x06\x00\x00sNaPpY", 10));
  std::string back;
  size_t at = 10, chunks = 0;
  while (at < packed.size()) {
    const auto type = static_cast<uint8_t>(packed[at]);
    const uint32_t length = read_le(packed, at + 1, 3);
    ASSERT_LE(at + 4 + length, packed.size());
    const std::string body = packed.substr(at + 8, length - 4);  // after the masked CRC
    std::string input;
    if (type == 0x00) {
      ASSERT_TRUE(snappy::Uncompress(body.data(), body.size(), &input));
    } else {
      ASSERT_EQ(type, 0x01);
      input = body;
    }
    EXPECT_LE(input.size(), 65536u);
    back += input;
    at += 4 + length;
    ++chunks;
  }
  EXPECT_EQ(back, text);
  EXPECT_EQ(chunks, (text.size() + 65535) / 65536);
  EXPECT_EQ(compressed_extension("Snappy"), ".snappy");
}

TEST(Compression, HadoopSnappyIsBlocksOfLengthThenCompressedChunk) {
  const std::string text = lines(20000);
  const std::string packed = compress("HADOOP_SNAPPY", text);
  std::string back;
  size_t at = 0;
  while (at < packed.size()) {
    const uint32_t raw = read_be32(packed, at);
    const uint32_t compressed = read_be32(packed, at + 4);
    ASSERT_LE(at + 8 + compressed, packed.size());
    std::string block;
    ASSERT_TRUE(snappy::Uncompress(packed.data() + at + 8, compressed, &block));
    EXPECT_EQ(block.size(), raw);
    back += block;
    at += 8 + compressed;
  }
  EXPECT_EQ(back, text);
  EXPECT_EQ(compressed_extension("HADOOP_SNAPPY"), ".hsnappy");
}

TEST(Compression, ZipIsAnArchiveOfOneDeflatedFileNamedAfterTheObject) {
  const std::string text = lines(1000);
  const std::string packed = compress("ZIP", text, "stream-1-2026-12-07-05-45-00-uuid");
  ASSERT_GE(packed.size(), 30u);
  EXPECT_EQ(packed.substr(0, 4), std::string("PK\x03\x04", 4));  // a local file header
  EXPECT_EQ(read_le(packed, 8, 2), 8u);                          // deflated
  EXPECT_EQ(read_le(packed, 22, 4), text.size());                // its uncompressed size
  const uint32_t name_length = read_le(packed, 26, 2);
  EXPECT_EQ(packed.substr(30, name_length), "stream-1-2026-12-07-05-45-00-uuid");
  EXPECT_NE(packed.find(std::string("PK\x05\x06", 4)), std::string::npos);  // the directory's end
  EXPECT_EQ(compressed_extension("ZIP"), ".zip");
}

TEST(Compression, EveryFormatOfTheModelIsKnown) {
  for (const char* name : {"UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"})
    EXPECT_NE(find_compression(name), nullptr) << name;
  EXPECT_EQ(find_compression("LZO"), nullptr);
}

}  // namespace
}  // namespace kinesisd::delivery
