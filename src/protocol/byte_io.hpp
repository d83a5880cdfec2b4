// Big-endian integers and length-prefixed strings for the binary token
// payloads (shard iterators, page tokens).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/mutex.hpp"

namespace kinesisd::protocol {

inline void put_be(std::string& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// Length (1 byte) then bytes; REQUIRES: s.size() < 256.
inline void put_short_string(std::string& out, std::string_view s) {
  out.push_back(static_cast<char>(s.size()));
  out.append(s);
}

// Reads what put_be/put_short_string wrote; `ok` turns false on truncation.
struct ByteReader {
  std::string_view in;
  bool ok = true;

  uint64_t be(int bytes) {
    if (in.size() < static_cast<size_t>(bytes)) {
      ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
    in.remove_prefix(static_cast<size_t>(bytes));
    return v;
  }
  std::string short_string() {
    const auto n = static_cast<size_t>(be(1));
    if (!ok || in.size() < n) {
      ok = false;
      return {};
    }
    std::string s(in.substr(0, n));
    in.remove_prefix(n);
    return s;
  }
  bool done() const { return ok && in.empty(); }
};

}  // namespace kinesisd::protocol
