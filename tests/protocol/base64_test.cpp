#include "protocol/base64.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

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

namespace kinesisd::protocol {

// The one-pass decoder agrees with the validator and the reference decoder on
// every input, valid or not.
TEST(Base64, DecodeIntoAgreesWithTheValidator) {
  std::vector<std::string> inputs = {
      "",     "QQ==",     "QUI=",  "QUJD",   "QR==", "QUJ=",    "QQ=A",
      "Q===", "QUJDRA==", "QU JD", "QUJD\n", "====", "QUJDRE=="};
  std::string bytes;
  for (int n = 0; n < 40; ++n) {
    inputs.push_back(base64_encode(bytes));
    bytes.push_back(static_cast<char>(n * 37));
  }
  for (const auto& text : inputs) {
    std::string out(base64_decoded_size(text) + 3, '\0');
    const bool ok = base64_decode_into(text, out.data());
    EXPECT_EQ(ok, base64_problem(text).empty()) << text;
    if (ok) {
      EXPECT_EQ(out.substr(0, base64_decoded_size(text)), *base64_decode(text)) << text;
    }
  }
}

}  // namespace kinesisd::protocol

namespace kinesisd::protocol {

// Long enough for the 32-character SIMD blocks: every byte value decodes as the
// reference decoder has it, and any character outside the alphabet, at any
// position of a block or of the scalar rest, is refused as the validator refuses it.
TEST(Base64, DecodeIntoInBlocksAgreesEverywhere) {
  std::string bytes;
  for (int n = 0; n < 400; ++n) bytes.push_back(static_cast<char>(n * 151 + 7));
  for (size_t size : {24u, 47u, 48u, 49u, 96u, 200u, 400u}) {
    const auto text = base64_encode(bytes.substr(0, size));
    std::string out(base64_decoded_size(text), '\0');
    ASSERT_TRUE(base64_decode_into(text, out.data())) << size;
    EXPECT_EQ(out, bytes.substr(0, size));
  }
  const auto text = base64_encode(bytes.substr(0, 150));  // 200 characters, no padding
  for (size_t at = 0; at < text.size(); at += 7) {
    for (int c = 0; c < 256; ++c) {
      auto bad = text;
      bad[at] = static_cast<char>(c);
      std::string out(base64_decoded_size(bad) + 3, '\0');
      const bool ok = base64_decode_into(bad, out.data());
      ASSERT_EQ(ok, base64_problem(bad).empty()) << at << " " << c;
      if (ok) {
        EXPECT_EQ(out.substr(0, base64_decoded_size(bad)), *base64_decode(bad));
      }
    }
  }
}

}  // namespace kinesisd::protocol

namespace kinesisd::protocol {

// The encoder (24-byte SIMD blocks, then the scalar rest) writes what
// OpenSSL's does, for every length across several blocks and every byte value.
TEST(Base64, EncodesAsOpenSslDoes) {
  std::string bytes;
  for (int n = 0; n < 256; ++n) bytes.push_back(static_cast<char>(n));
  for (int n = 0; n < 200; ++n) bytes.push_back(static_cast<char>(n * 73 + 11));
  for (size_t size = 0; size <= bytes.size(); ++size) {
    std::string expected(4 * ((size + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(expected.data()),
                                       reinterpret_cast<const unsigned char*>(bytes.data()),
                                       static_cast<int>(size));
    expected.resize(static_cast<size_t>(length));
    std::string out = "prefix";
    base64_encode_append(std::string_view(bytes).substr(0, size), out);
    ASSERT_EQ(out, "prefix" + expected) << size;
    // In place: exactly base64_encoded_size characters, nothing after them.
    std::string buffer(base64_encoded_size(size) + 8, '#');
    char* end = base64_encode_to(std::string_view(bytes).substr(0, size), buffer.data());
    ASSERT_EQ(static_cast<size_t>(end - buffer.data()), expected.size()) << size;
    ASSERT_EQ(buffer, expected + "########") << size;
  }
}

}  // namespace kinesisd::protocol
