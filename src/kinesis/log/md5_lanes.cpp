#include "kinesis/log/md5_lanes.hpp"

#include <cstring>

#include "base/cpu_features.hpp"
#include "kinesis/log/md5_rounds.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace kinesisd::log {

#if defined(__x86_64__)
namespace {

using md5_rounds::kK;
using md5_rounds::kShift;
using md5_rounds::word;

template <int Round>
__attribute__((target("avx2"), always_inline)) inline __m256i mix(__m256i b, __m256i c, __m256i d) {
  if constexpr (Round == 0) return _mm256_xor_si256(d, _mm256_and_si256(b, _mm256_xor_si256(c, d)));
  if constexpr (Round == 1) return _mm256_xor_si256(c, _mm256_and_si256(d, _mm256_xor_si256(b, c)));
  if constexpr (Round == 2) return _mm256_xor_si256(_mm256_xor_si256(b, c), d);
  // c ^ (b | ~d)
  return _mm256_xor_si256(c, _mm256_or_si256(b, _mm256_xor_si256(d, _mm256_set1_epi32(-1))));
}

template <int Round>
__attribute__((target("avx2"), always_inline)) inline void round(__m256i& a, __m256i& b, __m256i& c,
                                                                 __m256i& d, const __m256i* m) {
#pragma GCC unroll 16
  for (int k = 0; k < 16; ++k) {
    const int i = Round * 16 + k;
    const int s = kShift[Round * 4 + (k & 3)];
    __m256i t = _mm256_add_epi32(a, mix<Round>(b, c, d));
    t = _mm256_add_epi32(
        t, _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(kK[i])), m[word<Round>(i)]));
    t = _mm256_or_si256(_mm256_slli_epi32(t, s), _mm256_srli_epi32(t, 32 - s));
    a = d;
    d = c;
    c = b;
    b = _mm256_add_epi32(b, t);
  }
}

__attribute__((target("avx2"))) void eight(const std::string_view* in,
                                           std::array<uint8_t, 16>* out) {
  // Each input padded to its one block, then word w of every block in m[w].
  alignas(32) uint32_t blocks[8][16];
  for (int lane = 0; lane < 8; ++lane) {
    auto* bytes = reinterpret_cast<uint8_t*>(blocks[lane]);
    std::memset(bytes, 0, 64);
    std::memcpy(bytes, in[lane].data(), in[lane].size());
    bytes[in[lane].size()] = 0x80;
    const uint64_t bits = uint64_t(in[lane].size()) * 8;
    std::memcpy(bytes + 56, &bits, 8);  // little-endian, as MD5 wants
  }
  __m256i m[16];
  const __m256i lanes = _mm256_setr_epi32(0, 16, 32, 48, 64, 80, 96, 112);
  for (int w = 0; w < 16; ++w)
    m[w] = _mm256_i32gather_epi32(reinterpret_cast<const int*>(&blocks[0][w]), lanes, 4);
  const __m256i h0 = _mm256_set1_epi32(0x67452301);
  const __m256i h1 = _mm256_set1_epi32(static_cast<int>(0xefcdab89));
  const __m256i h2 = _mm256_set1_epi32(static_cast<int>(0x98badcfe));
  const __m256i h3 = _mm256_set1_epi32(0x10325476);
  __m256i a = h0, b = h1, c = h2, d = h3;
  round<0>(a, b, c, d, m);
  round<1>(a, b, c, d, m);
  round<2>(a, b, c, d, m);
  round<3>(a, b, c, d, m);
  alignas(32) uint32_t h[4][8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(h[0]), _mm256_add_epi32(a, h0));
  _mm256_store_si256(reinterpret_cast<__m256i*>(h[1]), _mm256_add_epi32(b, h1));
  _mm256_store_si256(reinterpret_cast<__m256i*>(h[2]), _mm256_add_epi32(c, h2));
  _mm256_store_si256(reinterpret_cast<__m256i*>(h[3]), _mm256_add_epi32(d, h3));
  for (int lane = 0; lane < 8; ++lane)
    for (int i = 0; i < 4; ++i) std::memcpy(out[lane].data() + 4 * i, &h[i][lane], 4);
}

}  // namespace

bool md5_lanes_available() { return base::cpu_has_avx2(); }

void md5_eight(const std::string_view* in, std::array<uint8_t, 16>* out) { eight(in, out); }

#else

bool md5_lanes_available() { return false; }
void md5_eight(const std::string_view*, std::array<uint8_t, 16>*) {}

#endif

}  // namespace kinesisd::log
