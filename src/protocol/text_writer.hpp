// An answer written in place: pieces are copied at a cursor into a string
// grown ahead of them, so a record of many pieces costs one room check, not a
// capacity check and a call per piece (GetRecords writes up to 10,000 records
// of seven pieces each).
//
// The string grows in steps of kStep (more when a piece needs it) and is
// zero-filled as it grows (C++20 has no uninitialised resize): one memset per
// step, not per piece. Reserve the string's capacity first when the answer's
// size is known. finish() cuts it back to what was written.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace kinesisd::protocol {

class TextWriter {
 public:
  static constexpr size_t kStep = 32 * 1024;

  // Writes after out's current contents. `out` must outlive the writer and is
  // touched only through it until finish().
  explicit TextWriter(std::string& out) : out_(out), at_(out.size()) {}

  // Where to write next, with room for at least n bytes; valid until the next
  // room() call. commit() what was written there.
  char* room(size_t n) {
    if (out_.size() - at_ < n) grow(n);
    return out_.data() + at_;
  }
  // Keeps everything written up to `end`, a pointer into the last room().
  void commit(const char* end) { at_ = static_cast<size_t>(end - out_.data()); }
  // The string holds what was committed, and nothing after it.
  void finish() { out_.resize(at_); }

  static char* put(char* at, std::string_view text) {
    std::memcpy(at, text.data(), text.size());
    return at + text.size();
  }

 private:
  // Small steps keep the zero-fill in cache just before the writes that
  // replace it; within the capacity reserved, never past it.
  void grow(size_t n) {
    size_t size = at_ + std::max(n, kStep);
    if (at_ + n <= out_.capacity()) size = std::min(size, out_.capacity());
    out_.resize(size);
  }

  std::string& out_;
  size_t at_;
};

}  // namespace kinesisd::protocol
