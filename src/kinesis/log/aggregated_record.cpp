#include "kinesis/log/aggregated_record.hpp"

#include <cstdint>
#include <cstring>

#include "kinesis/log/md5.hpp"

namespace kinesisd::log {

namespace {

constexpr std::string_view kMagic("\xF3\x89\x9A\xC2", 4);
constexpr size_t kDigest = 16;

// Protobuf's wire format (protobuf.dev, "Encoding"): a reader over bytes that
// fails instead of reading past their end.
class Wire {
 public:
  explicit Wire(std::string_view bytes) : bytes_(bytes) {}
  bool done() const { return at_ == bytes_.size(); }

  bool varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ == bytes_.size()) return false;
      const auto b = static_cast<uint8_t>(bytes_[at_++]);
      v |= uint64_t{b & 0x7fu} << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }

  bool bytes(std::string_view& out) {
    uint64_t n = 0;
    if (!varint(n) || n > bytes_.size() - at_) return false;
    out = bytes_.substr(at_, n);
    at_ += n;
    return true;
  }

  // Skips a field of wire type `type` this reader does not use.
  bool skip(uint64_t type) {
    uint64_t ignored = 0;
    std::string_view skipped;
    switch (type) {
      case 0:
        return varint(ignored);
      case 1:
        return advance(8);
      case 2:
        return bytes(skipped);
      case 5:
        return advance(4);
      default:
        return false;  // groups (3, 4) are not in this format
    }
  }

 private:
  bool advance(size_t n) {
    if (n > bytes_.size() - at_) return false;
    at_ += n;
    return true;
  }
  std::string_view bytes_;
  size_t at_ = 0;
};

struct Entry {
  uint64_t partition_key_index = 0;
  std::optional<uint64_t> explicit_hash_key_index;
  std::string_view data;
};

bool parse_entry(std::string_view bytes, Entry& e) {
  Wire w(bytes);
  bool has_key = false, has_data = false;
  while (!w.done()) {
    uint64_t tag = 0;
    if (!w.varint(tag)) return false;
    const uint64_t field = tag >> 3, type = tag & 7;
    if (field == 1 && type == 0) {
      if (!w.varint(e.partition_key_index)) return false;
      has_key = true;
    } else if (field == 2 && type == 0) {
      uint64_t i = 0;
      if (!w.varint(i)) return false;
      e.explicit_hash_key_index = i;
    } else if (field == 3 && type == 2) {
      if (!w.bytes(e.data)) return false;
      has_data = true;
    } else if (!w.skip(type)) {
      return false;
    }
  }
  return has_key && has_data;  // both are `required` in the format
}

}  // namespace

bool has_aggregation_magic(std::string_view data) { return data.substr(0, 4) == kMagic; }

std::optional<std::vector<UserRecord>> deaggregate(std::string_view data) {
  if (!has_aggregation_magic(data) || data.size() < kMagic.size() + kDigest) return std::nullopt;
  const auto message = data.substr(kMagic.size(), data.size() - kMagic.size() - kDigest);
  const auto digest = md5(message);
  if (std::memcmp(digest.data(), data.data() + data.size() - kDigest, kDigest) != 0)
    return std::nullopt;

  std::vector<std::string_view> keys, hash_keys;
  std::vector<Entry> entries;
  Wire w(message);
  while (!w.done()) {
    uint64_t tag = 0;
    if (!w.varint(tag)) return std::nullopt;
    const uint64_t field = tag >> 3, type = tag & 7;
    std::string_view value;
    if (type == 2 && field >= 1 && field <= 3) {
      if (!w.bytes(value)) return std::nullopt;
      if (field == 1) keys.push_back(value);
      if (field == 2) hash_keys.push_back(value);
      if (field == 3) {
        Entry e;
        if (!parse_entry(value, e)) return std::nullopt;
        entries.push_back(e);
      }
    } else if (!w.skip(type)) {
      return std::nullopt;
    }
  }
  if (entries.empty()) return std::nullopt;

  std::vector<UserRecord> out;
  out.reserve(entries.size());
  for (const auto& e : entries) {
    if (e.partition_key_index >= keys.size()) return std::nullopt;
    UserRecord r{std::string(keys[e.partition_key_index]), std::nullopt, std::string(e.data)};
    if (e.explicit_hash_key_index) {
      if (*e.explicit_hash_key_index >= hash_keys.size()) return std::nullopt;
      r.explicit_hash_key = std::string(hash_keys[*e.explicit_hash_key_index]);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace kinesisd::log
