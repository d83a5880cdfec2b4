#include "protocol/json_text.hpp"

#include <bit>
#include <cstring>

namespace kinesisd::protocol {

namespace {

// The index of the first '"', '\\' or control character in the 8 bytes of
// `w`, or 8 when there is none (SWAR: a byte's high bit is set in the mask
// where it is one of them; the lowest such byte is the first in memory).
inline size_t first_special(uint64_t w) {
  static_assert(std::endian::native == std::endian::little, "the first byte is the lowest");
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const uint64_t quote = w ^ (kOnes * '"');
  const uint64_t slash = w ^ (kOnes * '\\');
  const uint64_t mask =
      ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash) | ((w - kOnes * 0x20) & ~w);
  const uint64_t hit = mask & kHigh;
  return hit ? static_cast<size_t>(__builtin_ctzll(hit)) / 8 : 8;
}

// The index of the first '"', '\\' or control character of text[i..], or
// text.size() when there is none.
size_t next_special(std::string_view text, size_t i) {
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    if (const size_t k = first_special(w); k < 8) return i + k;
  }
  if (i < text.size() && text.size() >= 8) {
    // The last 8 bytes in one load, those before i replaced by a plain 'a'
    // (a byte left as it was could flag, or borrow into, the bytes after it).
    const size_t last = text.size() - 8;
    uint64_t w;
    std::memcpy(&w, text.data() + last, 8);
    const uint64_t keep = ~uint64_t{0} << (8 * (i - last));  // i - last is 1..7
    w = (w & keep) | (0x6161616161616161ull & ~keep);
    const size_t k = first_special(w);
    return k < 8 ? last + k : text.size();
  }
  if (i < text.size()) {
    // Fewer than 8 bytes in all (a short partition key): in one word, the
    // bytes after them a plain 'a'.
    uint64_t w = 0x6161616161616161ull;
    std::memcpy(&w, text.data() + i, text.size() - i);
    const size_t k = first_special(w);
    return k < 8 ? i + k : text.size();
  }
  return i;
}

}  // namespace

char* write_json_string(char* out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  *out++ = '"';
  size_t run = 0;  // start of the pending run of characters that need no escape
  for (size_t i = next_special(text, 0); i < text.size(); i = next_special(text, run)) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::memcpy(out, text.data() + run, i - run);
    out += i - run;
    run = i + 1;
    *out++ = '\\';
    switch (c) {
      case '"':
      case '\\':
        *out++ = static_cast<char>(c);
        break;
      case '\n':
        *out++ = 'n';
        break;
      case '\r':
        *out++ = 'r';
        break;
      case '\t':
        *out++ = 't';
        break;
      case '\b':
        *out++ = 'b';
        break;
      case '\f':
        *out++ = 'f';
        break;
      default:
        std::memcpy(out, "u00", 3);
        out[3] = kHex[c >> 4];
        out[4] = kHex[c & 0xf];
        out += 5;
    }
  }
  if (run < text.size()) {  // (an empty view may have no data to copy from)
    std::memcpy(out, text.data() + run, text.size() - run);
    out += text.size() - run;
  }
  *out++ = '"';
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  const size_t start = out.size();
  out.resize(start + json_string_max_size(text.size()));
  out.resize(static_cast<size_t>(write_json_string(out.data() + start, text) - out.data()));
}

void append_epoch_seconds(std::string& out, int64_t ms) {
  if (ms < 0) {
    out.push_back('-');
    ms = -ms;
  }
  out += std::to_string(ms / 1000);
  int frac = static_cast<int>(ms % 1000);
  if (frac == 0) return;
  char digits[4] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                    static_cast<char>('0' + frac % 10), 0};
  int n = 3;
  while (digits[n - 1] == '0') --n;
  out.push_back('.');
  out.append(digits, static_cast<size_t>(n));
}

bool JsonScanner::string(std::string_view& out) {
  skip_ws();
  if (i_ >= s_.size() || s_[i_] != '"') return fail();
  const size_t start = ++i_;
  i_ = next_special(s_, start);
  if (i_ >= s_.size() || s_[i_] != '"') return fail();  // escapes, control characters: general path
  out = s_.substr(start, i_ - start);
  ++i_;
  return true;
}

bool JsonScanner::key(std::string_view& out) { return string(out) && punct(':'); }

bool JsonScanner::integer(int64_t& out) {
  skip_ws();
  size_t start = i_;
  if (i_ < s_.size() && s_[i_] == '-') ++i_;
  int64_t v = 0;
  size_t digits = 0;
  for (; i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; ++i_, ++digits) {
    if (digits == 15) return fail();  // large values: general path
    v = v * 10 + (s_[i_] - '0');
  }
  if (digits == 0) return fail();
  if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) return fail();
  out = s_[start] == '-' ? -v : v;
  return true;
}

bool JsonScanner::at_end() {
  skip_ws();
  return i_ == s_.size() || fail();
}

}  // namespace kinesisd::protocol
