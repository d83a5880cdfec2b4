#include "kinesis/log/sequence_number.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace kinesisd::log {
namespace {

// A 192-bit unsigned integer, little-endian limbs; enough for 47 hex digits.
struct Wide {
  std::array<uint64_t, 3> limb{};

  // Multiplies by 10 and adds d; false on overflow past 192 bits.
  bool mul10_add(uint64_t d) {
    unsigned __int128 carry = d;
    for (auto& l : limb) {
      unsigned __int128 v = static_cast<unsigned __int128>(l) * 10 + carry;
      l = static_cast<uint64_t>(v);
      carry = v >> 64;
    }
    return carry == 0;
  }
  uint64_t divmod(uint64_t d) {
    uint64_t rem = 0;
    for (int i = 2; i >= 0; --i) limb[i] = divide(rem, limb[i], d, rem);
    return rem;
  }
  // (high:low) / d and its remainder, for high < d (so the quotient fits 64
  // bits): one divq on x86-64, where __int128 division is a library call.
  static uint64_t divide(uint64_t high, uint64_t low, uint64_t d, uint64_t& rem) {
#if defined(__x86_64__)
    uint64_t q;
    asm("divq %[d]" : "=a"(q), "=d"(rem) : [d] "r"(d), "a"(low), "d"(high) : "cc");
    return q;
#else
    const unsigned __int128 cur = (static_cast<unsigned __int128>(high) << 64) | low;
    const auto q = static_cast<uint64_t>(cur / d);
    rem = static_cast<uint64_t>(cur - static_cast<unsigned __int128>(q) * d);
    return q;
#endif
  }
  bool zero() const { return limb[0] == 0 && limb[1] == 0 && limb[2] == 0; }
  unsigned nibble(int index_from_low) const {
    return static_cast<unsigned>((limb[index_from_low / 16] >> (4 * (index_from_low % 16))) & 0xf);
  }
};

constexpr int kHexDigits = 47;

// A field of the 47 hex digits: its first digit, counted from the most
// significant (0-based), and how many digits it has.
struct Digits {
  int first, count;
};
// The layout, most significant first: 2, the shard's creation time,
// the shard index's low digit, the counter, the kind (00 a record, 01 a
// continuation), the record's time, the shard index, 2.
constexpr Digits kTopTwo{0, 1}, kShardCreated{1, 9}, kShardLowDigit{10, 1}, kCounter{11, 16},
    kKind{27, 2}, kRecordTime{29, 9}, kShardIndex{38, 8}, kBottomTwo{46, 1};

uint64_t field(const Wide& w, Digits d) {
  uint64_t v = 0;
  for (int i = 0; i < d.count; ++i) v = (v << 4) | w.nibble(kHexDigits - 1 - (d.first + i));
  return v;
}

// ORs the low d.count digits of `value` into w at the field's place.
void place(Wide& w, uint64_t value, Digits d) {
  const int bits = 4 * d.count, at = 4 * (kHexDigits - d.first - d.count);
  if (bits < 64) value &= (uint64_t{1} << bits) - 1;
  const int limb = at / 64, shift = at % 64;
  w.limb[limb] |= value << shift;
  if (shift != 0 && shift + bits > 64) w.limb[limb + 1] |= value >> (64 - shift);
}

// The decimal digits of `w` (which it consumes).
std::string wide_decimal(Wide w) {
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + w.divmod(10)));
  } while (!w.zero());
  return std::string(digits.rbegin(), digits.rend());
}

}  // namespace

std::string SequenceNumber::to_string() const {
  std::string out;
  append_to(out);
  return out;
}

void SequenceNumber::append_to(std::string& out) const {
  Wide w;
  place(w, 2, kTopTwo);
  place(w, shard_created_s, kShardCreated);
  place(w, shard_index & 0xf, kShardLowDigit);
  place(w, counter, kCounter);
  place(w, continuation ? 1 : 0, kKind);
  place(w, record_s, kRecordTime);
  place(w, shard_index, kShardIndex);
  place(w, 2, kBottomTwo);

  // Three chunks of 19 decimal digits cover 57 digits; the value has 56.
  constexpr uint64_t kTen19 = 10'000'000'000'000'000'000ull;
  uint64_t parts[3];
  for (auto& p : parts) p = w.divmod(kTen19);
  // Each part as 19 digits, two at a time, then without the leading zeros.
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  char buf[57];
  for (int i = 0; i < 3; ++i) {
    char* at = buf + 19 * (2 - i);
    uint64_t v = parts[i];
    for (int d = 17; d >= 1; d -= 2) {
      std::memcpy(at + d, kPairs + 2 * (v % 100), 2);
      v /= 100;
    }
    at[0] = static_cast<char>('0' + v);
  }
  size_t first = 0;
  while (first + 1 < sizeof buf && buf[first] == '0') ++first;
  out.append(buf + first, sizeof buf - first);
}

namespace {

// Digits [from, from + 8) counted from the right of a number's decimal
// digits (most significant first), as one word with the least significant in
// byte 0.
constexpr uint64_t word_of_digits(const unsigned char* digits, size_t n, size_t from) {
  uint64_t w = 0;
  for (size_t k = 0; k < 8; ++k)
    if (from + k < n) w |= uint64_t{digits[n - 1 - from - k]} << (8 * k);
  return w;
}

}  // namespace

std::string_view SequenceNumberWriter::next(const SequenceNumber& s) {
  // 2^80 in decimal, one digit per byte (1208925819614629174706176).
  static constexpr unsigned char kTwoTo80[] = {1, 2, 0, 8, 9, 2, 5, 8, 1, 9, 6, 1, 4,
                                               6, 2, 9, 1, 7, 4, 7, 0, 6, 1, 7, 6};
  constexpr int kSize = sizeof digits_;
  const bool next = has_last_ && s.counter == last_.counter + 1 &&
                    s.shard_created_s == last_.shard_created_s &&
                    s.shard_index == last_.shard_index && s.record_s == last_.record_s &&
                    !s.continuation && !last_.continuation;
  if (next) {
    // The next number is this one plus 2^80. Its digits are added 8 at a
    // time from the right (SWAR): each byte holds a digit biased by 246, so
    // a byte that reaches 256 carries into the next one as a decimal carry
    // would; bytes that did not carry are unbiased after. The digits left of
    // the number are '0', so the sum may run into them.
    static_assert(std::endian::native == std::endian::little, "digits are loaded byte-swapped");
    constexpr uint64_t kOnes = 0x0101010101010101ull;
    // 2^80's digits, 8 to a word, least significant first in each word.
    static constexpr uint64_t kAdd[4] = {word_of_digits(kTwoTo80, sizeof kTwoTo80, 0),
                                         word_of_digits(kTwoTo80, sizeof kTwoTo80, 8),
                                         word_of_digits(kTwoTo80, sizeof kTwoTo80, 16),
                                         word_of_digits(kTwoTo80, sizeof kTwoTo80, 24)};
    uint64_t carry = 0;
    for (int w = 0; w < 4; ++w) {
      char* at = digits_ + kSize - 8 * (w + 1);
      uint64_t x;
      std::memcpy(&x, at, 8);
      x = __builtin_bswap64(x) - '0' * kOnes;  // digits, least significant in byte 0
      const uint64_t t = x + kAdd[w] + carry + 246 * kOnes;
      // Bytes that did not carry are >= 246; those that did are <= 10.
      const uint64_t kept = (t >> 7) & kOnes;
      const uint64_t digits = t - kept * 246;
      carry = (t >> 63) ? 0 : 1;
      const uint64_t text = __builtin_bswap64(digits + '0' * kOnes);
      std::memcpy(at, &text, 8);
    }
    int written = 32;  // digits from the right the sum has written
    for (char* d = digits_ + kSize - 33; carry; --d, ++written) {
      const unsigned sum = static_cast<unsigned>(*d - '0') + 1;
      carry = sum >= 10 ? 1u : 0u;
      *d = static_cast<char>('0' + sum - 10 * carry);
    }
    if (written > 32) {
      length_ = std::max(length_, written);  // the carry's last digit is not 0
    } else if (length_ < 32) {               // the sum may be longer than the number was
      length_ = 32;
      while (length_ > 1 && digits_[kSize - length_] == '0') --length_;
    }
  } else {
    std::string text;
    s.append_to(text);
    length_ = static_cast<int>(text.size());
    std::memset(digits_, '0', static_cast<size_t>(kSize - length_));
    std::memcpy(digits_ + kSize - length_, text.data(), text.size());
    has_last_ = true;
  }
  last_ = s;
  return {digits_ + kSize - length_, static_cast<size_t>(length_)};
}

std::optional<SequenceNumber> SequenceNumber::parse(std::string_view decimal) {
  if (decimal.empty() || decimal.size() > 57 || decimal[0] == '0') return std::nullopt;
  Wide w;
  for (char c : decimal) {
    if (c < '0' || c > '9') return std::nullopt;
    if (!w.mul10_add(static_cast<uint64_t>(c - '0'))) return std::nullopt;
  }
  // Exactly 47 hex digits: the top one is digit 46 and nothing above it.
  if (w.limb[2] >> (4 * (kHexDigits - 32)) != 0) return std::nullopt;
  const uint64_t kind = field(w, kKind);
  if (field(w, kTopTwo) != 2 || field(w, kBottomTwo) != 2 || kind > 1) return std::nullopt;
  SequenceNumber s;
  s.continuation = kind == 1;
  s.shard_created_s = field(w, kShardCreated);
  s.counter = field(w, kCounter);
  s.record_s = field(w, kRecordTime);
  s.shard_index = static_cast<uint32_t>(field(w, kShardIndex));
  if ((s.shard_index & 0xf) != field(w, kShardLowDigit)) return std::nullopt;
  return s;
}

std::optional<FirstLayoutNumber> parse_first_layout(std::string_view decimal) {
  if (decimal.empty() || decimal.size() > 40) return std::nullopt;  // 2^129 has 39 digits
  if (decimal.size() > 1 && decimal[0] == '0') return std::nullopt;
  Wide w;
  for (char c : decimal) {
    if (c < '0' || c > '9') return std::nullopt;
    if (!w.mul10_add(static_cast<uint64_t>(c - '0'))) return std::nullopt;
  }
  if (w.limb[2] > 1) return std::nullopt;  // 2^129 or more: a later layout
  // 2^124 + (value mod 2^124): bit 124 is bit 60 of the middle limb.
  w.limb[2] = 0;
  w.limb[1] = (w.limb[1] & ((uint64_t{1} << 60) - 1)) | (uint64_t{1} << 60);
  FirstLayoutNumber out;
  out.shard_created_s = (w.limb[1] >> 24) & ((uint64_t{1} << 36) - 1);  // hex digits 1-9
  out.shard_index = static_cast<uint32_t>(w.limb[0] & 0xffff);
  out.decimal = wide_decimal(w);
  return out;
}

bool valid_ordering_number(std::string_view decimal, int64_t now_ms) {
  if (const auto s = SequenceNumber::parse(decimal))
    return s->counter >> 63 == 0 && s->shard_index >> 31 == 0 &&
           static_cast<int64_t>(s->record_s) <= now_ms / 1000;
  if (const auto first = parse_first_layout(decimal))
    return first->shard_created_s < kFirstLayoutDateLimitS;
  // The version-1 layout: 47 hex digits, a 2 first and a 1 last.
  if (decimal.empty() || decimal.size() > 57 || decimal[0] == '0') return false;
  Wide w;
  for (char c : decimal)
    if (c < '0' || c > '9' || !w.mul10_add(static_cast<uint64_t>(c - '0'))) return false;
  if (w.limb[2] >> (4 * (kHexDigits - 32)) != 0) return false;
  return field(w, kTopTwo) == 2 && field(w, kBottomTwo) == 1;
}

}  // namespace kinesisd::log
