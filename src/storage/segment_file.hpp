// One segment file of a shard (storage/segment_format.hpp): created with its
// header, appended to with write(2), read with pread(2), scanned frame by
// frame when a shard is recovered.
//
// Not thread-safe: the shard's log serializes appends and truncation; reads
// (pread) may run concurrently with each other.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "storage/segment_format.hpp"

namespace kinesisd::storage {

class SegmentFile {
 public:
  // A new file holding only its header. Throws storage::Error.
  static std::unique_ptr<SegmentFile> create(const std::string& path, const SegmentHeader& header);
  // An existing file; nullptr (and `why`) when it cannot be opened or its
  // header is not a segment's.
  static std::unique_ptr<SegmentFile> open(const std::string& path, std::string* why);
  ~SegmentFile();
  SegmentFile(const SegmentFile&) = delete;
  SegmentFile& operator=(const SegmentFile&) = delete;

  const std::string& path() const { return path_; }
  const SegmentHeader& header() const { return header_; }
  int fd() const { return fd_; }
  uint64_t size() const { return size_; }

  // Writes `bytes` at the end. On failure the file is cut back to its old
  // size and false returned (errno set).
  bool append(std::string_view bytes);
  // Reads n bytes at offset into `out` (resized); false on a short read.
  bool read(uint64_t offset, size_t n, std::string& out) const;
  bool truncate(uint64_t size);
  // Unlinks the file (the descriptor stays valid until destruction).
  void remove();

  // Reads every whole frame from the header on, in order, and calls `visit`
  // (frame, offset of the frame, its size). Stops at the end of the file or
  // at the first frame that is not whole or not next in position.
  struct Scan {
    uint64_t good_end = 0;    // where the whole frames end
    uint64_t frames = 0;
    std::string problem;      // "" when the whole file was good
  };
  Scan scan(const std::function<void(const Frame&, uint64_t offset, size_t size)>& visit) const;

 private:
  SegmentFile(std::string path, int fd, SegmentHeader header, uint64_t size)
      : path_(std::move(path)), fd_(fd), header_(header), size_(size) {}

  std::string path_;
  int fd_ = -1;
  SegmentHeader header_;
  uint64_t size_ = 0;
};

// "00000000000000001024.seg"
std::string segment_name(uint64_t first_position);

}  // namespace kinesisd::storage
