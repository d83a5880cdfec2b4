// Writing and reading JSON text directly, for the hot paths that skip the
// JSON DOM (PutRecord, PutRecords, GetRecords).
//
// Writing: strings escaped as RFC 8259 asks (", \, control characters; UTF-8
// passes through), epoch-millisecond timestamps as epoch seconds with up to
// three decimals, the form every SDK reads.
//
// Reading: JsonScanner tokenizes the simple form the SDKs send (objects,
// arrays, strings without escapes, integers). Anything else makes it fail, and
// the caller then takes the general path (DOM parse and model validation),
// which produces the exact error AWS would give. So the scanner only ever
// accepts input the general path would accept too.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace kinesisd::protocol {

void append_json_string(std::string& out, std::string_view text);
// The most append_json_string can write for `bytes` of text: the quotes, and
// six characters (\u00XX) for each byte.
constexpr size_t json_string_max_size(size_t bytes) { return 6 * bytes + 2; }
// Writes `text` quoted and escaped at `out`, which has room for
// json_string_max_size; returns the end of what it wrote.
char* write_json_string(char* out, std::string_view text);
void append_epoch_seconds(std::string& out, int64_t ms);

// Walks JSON text from `from`, calling visit(c, i) for every bracket
// ('{', '}', '[', ']') outside strings (escapes in strings skipped); stops
// early, returning that position, when visit returns false. npos when the
// text ends first. For looks at the structure without a parse (how deep, where
// an object ends).
template <class Visit>
size_t walk_brackets(std::string_view s, size_t from, Visit&& visit) {
  bool in_string = false;
  for (size_t i = from; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '}' || c == '[' || c == ']') {
      if (!visit(c, i)) return i;
    }
  }
  return std::string_view::npos;
}

class JsonScanner {
 public:
  explicit JsonScanner(std::string_view text) : s_(text) {}

  // Each returns false (and sets failed) when the next token is not what it reads.
  bool begin_object() { return punct('{'); }
  bool begin_array() { return punct('['); }
  // After a member or element: true and consumes ',' when another follows;
  // false and consumes the closing bracket when the container ends.
  bool next(char close) {
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ',') {
      ++i_;
      return true;
    }
    if (i_ < s_.size() && s_[i_] == close) {
      ++i_;
      return false;
    }
    return fail();
  }
  // Peeks for an empty container right after begin_*.
  bool empty(char close) {
    skip_ws();
    if (i_ < s_.size() && s_[i_] == close) {
      ++i_;
      return true;
    }
    return false;
  }
  bool key(std::string_view& out);  // "name" then ':'
  // Consumes `text` (after any whitespace) when the input goes on with it
  // exactly, as a known member's `"Name":` does in the form SDKs send; false,
  // consuming nothing and failing nothing, otherwise.
  bool take(std::string_view text) {
    skip_ws();
    if (s_.size() - i_ < text.size() || std::memcmp(s_.data() + i_, text.data(), text.size()) != 0)
      return false;
    i_ += text.size();
    return true;
  }
  bool string(std::string_view& out);
  // Up to the next '"' without looking inside: for values the caller checks
  // against a strict alphabet anyway (base64 has no '\' and no control
  // characters, so an escape there fails that check).
  bool raw_string(std::string_view& out) {
    skip_ws();
    if (i_ >= s_.size() || s_[i_] != '"') return fail();
    const size_t start = ++i_;
    const void* end = std::memchr(s_.data() + start, '"', s_.size() - start);
    if (!end) return fail();
    i_ = static_cast<size_t>(static_cast<const char*>(end) - s_.data());
    out = s_.substr(start, i_ - start);
    ++i_;
    return true;
  }
  bool integer(int64_t& out);
  bool at_end();  // only whitespace remains

  bool failed() const { return failed_; }

 private:
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  bool punct(char c) {
    skip_ws();
    if (i_ >= s_.size() || s_[i_] != c) return fail();
    ++i_;
    return true;
  }
  bool fail() {
    failed_ = true;
    return false;
  }

  std::string_view s_;
  size_t i_ = 0;
  bool failed_ = false;
};

}  // namespace kinesisd::protocol
