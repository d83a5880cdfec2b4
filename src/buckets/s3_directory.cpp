#include "buckets/s3_directory.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

namespace kinesisd::buckets {

bool S3Directory::put(const StoredObject& object, std::string& error) const {
  const std::string bucket(object.bucket), key(object.key);
  const std::string_view bytes = object.bytes;
  namespace fs = std::filesystem;
  if (key.empty() || key.find("..") != std::string::npos || key.front() == '/') {
    error = "object key '" + key + "' cannot be a file name";
    return false;
  }
  const fs::path target = fs::path(root_) / bucket / key;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    error = "cannot create " + target.parent_path().string() + ": " + ec.message();
    return false;
  }
  // Written beside the buckets (no bucket name starts with a dot, S3's naming
  // rules) and renamed into place: a listing of a bucket never shows an
  // object half written, as S3's never does.
  const fs::path incoming = fs::path(root_) / ".kinesisd-incoming";
  fs::create_directories(incoming, ec);
  if (ec) {
    error = "cannot create " + incoming.string() + ": " + ec.message();
    return false;
  }
  thread_local std::mt19937_64 rng(std::random_device{}());
  const fs::path tmp = incoming / std::to_string(rng());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = "cannot write " + tmp.string() + ": " + strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = "cannot write " + tmp.string() + ": " + strerror(errno);
      ::close(fd);
      fs::remove(tmp, ec);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  fs::rename(tmp, target, ec);
  if (ec) {
    error = "cannot rename into " + target.string() + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

}  // namespace kinesisd::buckets
