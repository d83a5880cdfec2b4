#include "kinesis/log/md5.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>

namespace kinesisd::log {
namespace {

std::string hex(const std::array<uint8_t, 16>& d) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (uint8_t b : d) {
    s += kHex[b >> 4];
    s += kHex[b & 15];
  }
  return s;
}

}  // namespace

TEST(Md5, Rfc1321TestSuite) {
  EXPECT_EQ(hex(md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(hex(md5("a")), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(hex(md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(hex(md5("message digest")), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(hex(md5("abcdefghijklmnopqrstuvwxyz")), "c3fcd3d76192e4007dfb496cca67e13b");
  EXPECT_EQ(
      hex(md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890")),
      "57edf4a22be3c955ac49da2e2107b67a");
}

// Every length across the block and padding boundaries agrees with OpenSSL.
TEST(Md5, AgreesWithOpenSslAtEveryLength) {
  std::string input;
  for (int n = 0; n < 300; ++n) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(input.data(), input.size(), digest, &len, EVP_md5(), nullptr);
    std::array<uint8_t, 16> expected;
    std::copy(digest, digest + 16, expected.begin());
    EXPECT_EQ(md5(input), expected) << n;
    input.push_back(static_cast<char>(n * 31 + 7));
  }
}

}  // namespace kinesisd::log
