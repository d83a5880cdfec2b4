#include "storage/segment_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "storage/database.hpp"

namespace kinesisd::storage {

std::string segment_name(uint64_t first_position) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%020llu.seg", static_cast<unsigned long long>(first_position));
  return buf;
}

std::unique_ptr<SegmentFile> SegmentFile::create(const std::string& path,
                                                 const SegmentHeader& header) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(path + ": " + std::strerror(errno));
  std::unique_ptr<SegmentFile> file(new SegmentFile(path, fd, header, 0));
  if (!file->append(encode_header(header))) throw Error(path + ": " + std::strerror(errno));
  return file;
}

std::unique_ptr<SegmentFile> SegmentFile::open(const std::string& path, std::string* why) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    if (why) *why = std::strerror(errno);
    return nullptr;
  }
  struct stat st {};
  std::string head(kSegmentHeader, '\0');
  if (::fstat(fd, &st) != 0 ||
      ::pread(fd, head.data(), head.size(), 0) != static_cast<ssize_t>(head.size())) {
    if (why) *why = "too short for a segment header";
    ::close(fd);
    return nullptr;
  }
  const auto header = decode_header(head);
  if (!header) {
    if (why) *why = "not a kinesisd segment (bad magic or version)";
    ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<SegmentFile>(
      new SegmentFile(path, fd, *header, static_cast<uint64_t>(st.st_size)));
}

SegmentFile::~SegmentFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool SegmentFile::append(std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done,
                               static_cast<off_t>(size_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0) {
      }  // best effort: the tail is cut again at recovery anyway
      errno = saved ? saved : EIO;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  size_ += bytes.size();
  return true;
}

bool SegmentFile::read(uint64_t offset, size_t n, std::string& out) const {
  out.resize(n);
  size_t done = 0;
  while (done < n) {
    const ssize_t r = ::pread(fd_, out.data() + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    done += static_cast<size_t>(r);
  }
  return true;
}

bool SegmentFile::truncate(uint64_t size) {
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) return false;
  size_ = size;
  return true;
}

void SegmentFile::remove() { ::unlink(path_.c_str()); }

SegmentFile::Scan SegmentFile::scan(
    const std::function<void(const Frame&, uint64_t, size_t)>& visit) const {
  constexpr size_t kBlock = 4 << 20;
  Scan result;
  result.good_end = kSegmentHeader;
  std::string buffer;
  uint64_t buffer_at = kSegmentHeader;  // file offset of buffer[0]
  uint64_t expected = header_.first_position;
  for (;;) {
    const uint64_t pos = result.good_end;
    // The frame at `pos` must be whole in the buffer; refill when it is not.
    std::string_view view;
    Frame frame;
    size_t size = 0;
    FrameStatus status = FrameStatus::kIncomplete;
    for (;;) {
      const size_t skip = static_cast<size_t>(pos - buffer_at);
      view = std::string_view(buffer).substr(std::min(skip, buffer.size()));
      status = decode_frame(view, frame, size);
      if (status != FrameStatus::kIncomplete) break;
      const uint64_t wanted = std::max<uint64_t>(kBlock, size);
      if (buffer_at + buffer.size() >= size_) break;  // nothing more to read: torn
      std::string next;
      const uint64_t n = std::min<uint64_t>(wanted, size_ - pos);
      if (!read(pos, static_cast<size_t>(n), next)) break;
      buffer = std::move(next);
      buffer_at = pos;
    }
    if (status == FrameStatus::kIncomplete) {
      if (pos < size_)
        result.problem = "a torn frame at the end (" + std::to_string(size_ - pos) + " bytes)";
      return result;
    }
    if (status == FrameStatus::kCorrupt) {
      result.problem = "a frame whose checksum or length does not match at offset " +
                       std::to_string(pos);
      return result;
    }
    if (frame.position != expected) {
      result.problem = "position " + std::to_string(frame.position) + " where " +
                       std::to_string(expected) + " belongs, at offset " + std::to_string(pos);
      return result;
    }
    visit(frame, pos, size);
    ++result.frames;
    ++expected;
    result.good_end = pos + size;
  }
}

}  // namespace kinesisd::storage
