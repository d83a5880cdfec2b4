#include "kinesis/log/md5.hpp"

#include "kinesis/log/md5_rounds.hpp"

#include <cstring>

namespace kinesisd::log {
namespace {

using md5_rounds::kK;
using md5_rounds::kShift;
using md5_rounds::word;

inline uint32_t rotl(uint32_t x, int c) { return (x << c) | (x >> (32 - c)); }

// The four rounds as separate loops, so the message index and the mixing
// function are compile-time per step once unrolled.
template <int Round>
inline uint32_t mix(uint32_t b, uint32_t c, uint32_t d) {
  if constexpr (Round == 0) return d ^ (b & (c ^ d));
  if constexpr (Round == 1) return c ^ (d & (b ^ c));
  if constexpr (Round == 2) return b ^ c ^ d;
  return c ^ (b | ~d);
}

template <int Round>
inline void round(uint32_t& a, uint32_t& b, uint32_t& c, uint32_t& d, const uint32_t* m) {
#pragma GCC unroll 16
  for (int k = 0; k < 16; ++k) {
    const int i = Round * 16 + k;
    const uint32_t next =
        b + rotl(a + mix<Round>(b, c, d) + kK[i] + m[word<Round>(i)], kShift[Round * 4 + (k & 3)]);
    a = d;
    d = c;
    c = b;
    b = next;
  }
}

void block(uint32_t h[4], const uint8_t* p) {
  uint32_t m[16];
  std::memcpy(m, p, 64);  // little-endian words (x86, and every target we build on)
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__);
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
  round<0>(a, b, c, d, m);
  round<1>(a, b, c, d, m);
  round<2>(a, b, c, d, m);
  round<3>(a, b, c, d, m);
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
}

}  // namespace

std::array<uint8_t, 16> md5(std::string_view bytes) {
  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  size_t n = bytes.size();
  while (n >= 64) {
    block(h, p);
    p += 64;
    n -= 64;
  }
  // The tail, 0x80, zeros, and the bit length: one or two final blocks.
  uint8_t tail[128] = {};
  std::memcpy(tail, p, n);
  tail[n] = 0x80;
  const size_t blocks = n + 9 <= 64 ? 1 : 2;
  const uint64_t bits = uint64_t(bytes.size()) * 8;
  for (int i = 0; i < 8; ++i) tail[blocks * 64 - 8 + i] = static_cast<uint8_t>(bits >> (8 * i));
  for (size_t b = 0; b < blocks; ++b) block(h, tail + 64 * b);
  std::array<uint8_t, 16> out;
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 4; ++k) out[4 * i + k] = static_cast<uint8_t>(h[i] >> (8 * k));
  return out;
}

}  // namespace kinesisd::log
