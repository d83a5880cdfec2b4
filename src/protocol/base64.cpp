#include "protocol/base64.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "protocol/base64_simd.hpp"

namespace kinesisd::protocol {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> make_table() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr auto kTable = make_table();

// The decoding of a quad's k-th character, already in its place in the
// three output bytes as a little-endian word (byte 0 first); an invalid
// character sets the fourth byte, so one OR and one test decode and check a
// quad, and one 4-byte store writes it.
constexpr std::array<uint32_t, 256> make_placed(int k) {
  std::array<uint32_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const int v = kTable[static_cast<size_t>(c)];
    if (v < 0) {
      t[static_cast<size_t>(c)] = 0xff000000u;
      continue;
    }
    const auto u = static_cast<uint32_t>(v);
    t[static_cast<size_t>(c)] = k == 0   ? u << 2
                                : k == 1 ? (u >> 4) | ((u & 0x0f) << 12)
                                : k == 2 ? ((u >> 2) << 8) | ((u & 0x03) << 22)
                                         : u << 16;
  }
  return t;
}
constexpr std::array<std::array<uint32_t, 256>, 4> kPlaced{make_placed(0), make_placed(1),
                                                           make_placed(2), make_placed(3)};

// Two output characters for each 12 bits of input: a 3-byte group is two
// lookups and one 4-byte store.
constexpr std::array<uint16_t, 4096> make_pairs() {
  std::array<uint16_t, 4096> t{};
  for (int v = 0; v < 4096; ++v)  // the first character in the low byte
    t[static_cast<size_t>(v)] =
        static_cast<uint16_t>(static_cast<unsigned char>(kAlphabet[v >> 6]) |
                              static_cast<unsigned char>(kAlphabet[v & 63]) << 8);
  return t;
}
constexpr auto kPairs = make_pairs();

}  // namespace

char* base64_encode_to(std::string_view bytes, char* o) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  // Whole 24-byte blocks with SIMD where the CPU has it; the rest below.
  size_t i = base64_encode_blocks(bytes.data(), bytes.size(), o);
  o += i / 3 * 4;
  if constexpr (std::endian::native == std::endian::little) {
    // Six bytes to eight characters at a time, from an 8-byte load (its last
    // two bytes unused, and inside `bytes`).
    for (; i + 8 <= bytes.size(); i += 6) {
      uint64_t x;
      std::memcpy(&x, p + i, 8);
      x = __builtin_bswap64(x);  // the first byte on top
      const uint64_t w =
          uint64_t{kPairs[(x >> 52) & 0xfff]} | uint64_t{kPairs[(x >> 40) & 0xfff]} << 16 |
          uint64_t{kPairs[(x >> 28) & 0xfff]} << 32 | uint64_t{kPairs[(x >> 16) & 0xfff]} << 48;
      std::memcpy(o, &w, 8);
      o += 8;
    }
  }
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
    if constexpr (std::endian::native == std::endian::little) {
      const uint32_t w = uint32_t{kPairs[v >> 12]} | uint32_t{kPairs[v & 0xfff]} << 16;
      std::memcpy(o, &w, 4);
      o += 4;
    } else {
      *o++ = kAlphabet[v >> 18];
      *o++ = kAlphabet[(v >> 12) & 63];
      *o++ = kAlphabet[(v >> 6) & 63];
      *o++ = kAlphabet[v & 63];
    }
  }
  if (const size_t rest = bytes.size() - i; rest > 0) {
    uint32_t v = uint32_t{p[i]} << 16;
    if (rest == 2) v |= uint32_t{p[i + 1]} << 8;
    *o++ = kAlphabet[v >> 18];
    *o++ = kAlphabet[(v >> 12) & 63];
    *o++ = rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    *o++ = '=';
  }
  return o;
}

void base64_encode_append(std::string_view bytes, std::string& out) {
  const size_t start = out.size();
  out.resize(start + base64_encoded_size(bytes.size()));
  base64_encode_to(bytes, out.data() + start);
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  base64_encode_append(bytes, out);
  return out;
}

namespace {
std::string invalid_character(char c) {
  std::string out = "Invalid Base64 character: '";
  out.push_back(c);
  out.push_back('\'');
  return out;
}
}  // namespace

std::string base64_problem(std::string_view text) {
  if (text.size() % 4 != 0)
    return "Base64 encoded length is expected a multiple of 4 bytes but found: " +
           std::to_string(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=') {
      // '=' only as the last one or two characters.
      const bool tail = i + 1 == text.size() || (i + 2 == text.size() && text[i + 1] == '=');
      if (!tail) return invalid_character(c);
      continue;
    }
    if (kTable[static_cast<unsigned char>(c)] < 0) return invalid_character(c);
  }
  // The bits after the last significant character must be zero (canonical form).
  if (!text.empty() && text.back() == '=') {
    const bool two = text[text.size() - 2] == '=';
    const int last = kTable[static_cast<unsigned char>(text[text.size() - (two ? 3 : 2)])];
    if ((two && (last & 0x0f)) || (!two && (last & 0x03)))
      return "Invalid last non-pad Base64 character dectected";
  }
  return {};
}

bool base64_decode_into(std::string_view text, char* out) {
  if (text.size() % 4 != 0) return false;
  if (text.empty()) return true;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t last = text.size() - 4;
  // Whole 32-character blocks before the last quad with SIMD where the CPU
  // has it; the rest below.
  const auto blocks = base64_decode_blocks(text.data(), last, out);
  if (blocks < 0) return false;
  p += blocks;
  out += blocks / 4 * 3;
  const size_t rest = last - static_cast<size_t>(blocks);
  if constexpr (std::endian::native == std::endian::little) {
    // Each quad but the last is stored as 4 bytes, the fourth overwritten by
    // the next quad (the last quad writes at least one byte there).
    for (size_t i = 0; i < rest; i += 4) {
      const uint32_t w =
          kPlaced[0][p[i]] | kPlaced[1][p[i + 1]] | kPlaced[2][p[i + 2]] | kPlaced[3][p[i + 3]];
      if (w & 0xff000000u) return false;
      std::memcpy(out, &w, 4);
      out += 3;
    }
  } else {
    for (size_t i = 0; i < rest; i += 4) {
      const int32_t a = kTable[p[i]], b = kTable[p[i + 1]], c = kTable[p[i + 2]],
                    d = kTable[p[i + 3]];
      if ((a | b | c | d) < 0) return false;
      const uint32_t v = uint32_t(a) << 18 | uint32_t(b) << 12 | uint32_t(c) << 6 | uint32_t(d);
      *out++ = static_cast<char>(v >> 16);
      *out++ = static_cast<char>(v >> 8);
      *out++ = static_cast<char>(v);
    }
  }
  // The last quad: up to two '=' and zero bits after the last significant character.
  const unsigned char* q = p + rest;
  const int32_t a = kTable[q[0]], b = kTable[q[1]];
  if ((a | b) < 0) return false;
  if (q[2] == '=') {
    if (q[3] != '=' || (b & 0x0f)) return false;
    *out = static_cast<char>(uint32_t(a) << 2 | uint32_t(b) >> 4);
    return true;
  }
  const int32_t c = kTable[q[2]];
  if (c < 0) return false;
  if (q[3] == '=') {
    if (c & 0x03) return false;
    const uint32_t v = uint32_t(a) << 18 | uint32_t(b) << 12 | uint32_t(c) << 6;
    *out++ = static_cast<char>(v >> 16);
    *out = static_cast<char>(v >> 8);
    return true;
  }
  const int32_t d = kTable[q[3]];
  if (d < 0) return false;
  const uint32_t v = uint32_t(a) << 18 | uint32_t(b) << 12 | uint32_t(c) << 6 | uint32_t(d);
  *out++ = static_cast<char>(v >> 16);
  *out++ = static_cast<char>(v >> 8);
  *out = static_cast<char>(v);
  return true;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (!base64_problem(text).empty()) return std::nullopt;
  std::string out;
  out.resize(base64_decoded_size(text));
  char* o = out.data();
  size_t written = 0;
  for (size_t i = 0; i < text.size(); i += 4) {
    uint32_t v = 0;
    int n = 0;
    for (int j = 0; j < 4; ++j) {
      const char c = text[i + j];
      if (c == '=') break;
      v |= static_cast<uint32_t>(kTable[static_cast<unsigned char>(c)]) << (18 - 6 * j);
      ++n;
    }
    const int bytes = n - 1;  // 4 chars -> 3 bytes, 3 -> 2, 2 -> 1
    for (int k = 0; k < bytes && written < out.size(); ++k, ++written)
      o[written] = static_cast<char>((v >> (16 - 8 * k)) & 0xff);
  }
  return out;
}

}  // namespace kinesisd::protocol
