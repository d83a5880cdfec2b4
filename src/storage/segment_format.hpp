// The on-disk format of a shard's records, written down once. A shard's
// directory holds segment files named by the position of their first record
// (20 decimal digits, ".seg"); a shard appends to its newest segment and
// starts a new one past a size, so retention deletes whole files.
//
// A segment file is a header, then frames, back to back:
//
//   header (32 bytes)
//     magic          8 bytes  "KDSEG\0\0\0"
//     version        u32      = 1
//     shard index    u32
//     stream id      u64      the stream incarnation (log::StreamIdentity::id)
//     first position u64      the position of the file's first record
//
//   frame (kFrameHeader + body; integers little-endian)
//     checksum       u32      low 32 bits of XXH3-64 of `length` and the body
//     length         u32      bytes of the body
//     body
//       position     u64      the record's position in its shard
//       arrival_ms   i64      epoch milliseconds
//       flags        u8       bit 0: written encrypted (KMS)
//       key length   u16
//       partition key, then data (the rest of the body)
//
// Positions increase by one from frame to frame within a file. A reader
// stops at the first frame whose checksum, length or position is wrong:
// everything before it is whole (a torn tail is cut there).
#pragma once

#include <xxhash.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace kinesisd::storage {

inline constexpr char kSegmentMagic[8] = {'K', 'D', 'S', 'E', 'G', 0, 0, 0};
inline constexpr uint32_t kSegmentVersion = 1;
inline constexpr size_t kSegmentHeader = 32;
inline constexpr size_t kFrameHeader = 8;      // checksum, length
inline constexpr size_t kFrameFixedBody = 19;  // position, arrival, flags, key length
inline constexpr uint8_t kFlagEncrypted = 1;

struct SegmentHeader {
  uint32_t shard_index = 0;
  uint64_t stream_id = 0;
  uint64_t first_position = 0;
};

struct Frame {
  uint64_t position = 0;
  int64_t arrival_ms = 0;
  bool encrypted = false;
  std::string_view partition_key;
  std::string_view data;
};

namespace format {

inline void put_u16(char* p, uint16_t v) { std::memcpy(p, &v, 2); }
inline void put_u32(char* p, uint32_t v) { std::memcpy(p, &v, 4); }
inline void put_u64(char* p, uint64_t v) { std::memcpy(p, &v, 8); }
inline uint16_t get_u16(const char* p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}
inline uint32_t get_u32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t get_u64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t checksum(const char* from, size_t n) {
  return static_cast<uint32_t>(XXH3_64bits(from, n));
}

}  // namespace format

inline std::string encode_header(const SegmentHeader& h) {
  std::string out(kSegmentHeader, '\0');
  std::memcpy(out.data(), kSegmentMagic, 8);
  format::put_u32(out.data() + 8, kSegmentVersion);
  format::put_u32(out.data() + 12, h.shard_index);
  format::put_u64(out.data() + 16, h.stream_id);
  format::put_u64(out.data() + 24, h.first_position);
  return out;
}

inline std::optional<SegmentHeader> decode_header(std::string_view bytes) {
  if (bytes.size() < kSegmentHeader || std::memcmp(bytes.data(), kSegmentMagic, 8) != 0 ||
      format::get_u32(bytes.data() + 8) != kSegmentVersion)
    return std::nullopt;
  return SegmentHeader{format::get_u32(bytes.data() + 12), format::get_u64(bytes.data() + 16),
                       format::get_u64(bytes.data() + 24)};
}

inline size_t frame_size(size_t key_size, size_t data_size) {
  return kFrameHeader + kFrameFixedBody + key_size + data_size;
}

// Appends one frame to `out`.
inline void encode_frame(std::string& out, const Frame& f) {
  const size_t at = out.size();
  const size_t body = kFrameFixedBody + f.partition_key.size() + f.data.size();
  out.resize(at + kFrameHeader + body);
  char* p = out.data() + at;
  format::put_u32(p + 4, static_cast<uint32_t>(body));
  format::put_u64(p + 8, f.position);
  format::put_u64(p + 16, static_cast<uint64_t>(f.arrival_ms));
  p[24] = static_cast<char>(f.encrypted ? kFlagEncrypted : 0);
  format::put_u16(p + 25, static_cast<uint16_t>(f.partition_key.size()));
  // A view may be empty with no storage behind it (an AUTO stream's record
  // without a key, an empty blob): memcpy from null is undefined even for 0.
  if (!f.partition_key.empty())
    std::memcpy(p + 27, f.partition_key.data(), f.partition_key.size());
  if (!f.data.empty()) std::memcpy(p + 27 + f.partition_key.size(), f.data.data(), f.data.size());
  format::put_u32(p, format::checksum(p + 4, 4 + body));
}

enum class FrameStatus { kOk, kIncomplete, kCorrupt };

// Decodes the frame at the start of `bytes`; `size` receives its length.
// kIncomplete: `bytes` ends inside the frame (more may follow, or the tail
// is torn); kCorrupt: the checksum or the lengths do not hold.
inline FrameStatus decode_frame(std::string_view bytes, Frame& f, size_t& size) {
  if (bytes.size() < kFrameHeader) return FrameStatus::kIncomplete;
  const uint32_t body = format::get_u32(bytes.data() + 4);
  if (body < kFrameFixedBody) return FrameStatus::kCorrupt;
  size = kFrameHeader + body;
  if (bytes.size() < size) return FrameStatus::kIncomplete;
  const char* p = bytes.data();
  if (format::checksum(p + 4, 4 + body) != format::get_u32(p)) return FrameStatus::kCorrupt;
  const uint16_t key = format::get_u16(p + 25);
  if (kFrameFixedBody + key > body) return FrameStatus::kCorrupt;
  f.position = format::get_u64(p + 8);
  f.arrival_ms = static_cast<int64_t>(format::get_u64(p + 16));
  f.encrypted = (p[24] & kFlagEncrypted) != 0;
  f.partition_key = std::string_view(p + 27, key);
  f.data = std::string_view(p + 27 + key, body - kFrameFixedBody - key);
  return FrameStatus::kOk;
}

// The frame at `p`, already known to be whole and checked (a chunk that was
// verified when it was read from disk, or written by this process).
inline Frame frame_at(const char* p) {
  Frame f;
  const uint32_t body = format::get_u32(p + 4);
  const uint16_t key = format::get_u16(p + 25);
  f.position = format::get_u64(p + 8);
  f.arrival_ms = static_cast<int64_t>(format::get_u64(p + 16));
  f.encrypted = (p[24] & kFlagEncrypted) != 0;
  f.partition_key = std::string_view(p + 27, key);
  f.data = std::string_view(p + 27 + key, body - kFrameFixedBody - key);
  return f;
}

}  // namespace kinesisd::storage
