#include "storage/data_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kinesisd::storage {

namespace fs = std::filesystem;

DataDir::DataDir(const std::string& path, Durability durability) : path_(path) {
  std::error_code ec;
  fs::create_directories(fs::path(path_) / "streams", ec);
  if (ec) throw Error(path_ + ": " + ec.message());
  const std::string lock = (fs::path(path_) / "LOCK").string();
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) throw Error(lock + ": " + std::strerror(errno));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    throw Error(path_ + " is in use by another kinesisd (" + lock + " is locked)");
  }
  database_ = std::make_unique<Database>((fs::path(path_) / "kinesisd.db").string(), durability);
}

DataDir::~DataDir() {
  database_.reset();
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

std::string DataDir::stream_directory(const std::string& region, const std::string& stream,
                                      uint64_t stream_id) const {
  return (fs::path(path_) / "streams" / region / (stream + "-" + std::to_string(stream_id)))
      .string();
}

std::string DataDir::shard_directory(const std::string& region, const std::string& stream,
                                     uint64_t stream_id, const std::string& shard_id) const {
  return (fs::path(stream_directory(region, stream, stream_id)) / shard_id).string();
}

void DataDir::remove_stream(const std::string& region, const std::string& stream,
                            uint64_t stream_id) const {
  std::error_code ec;
  fs::remove_all(stream_directory(region, stream, stream_id), ec);
}

std::string DataDir::delivery_directory(const std::string& account, const std::string& region,
                                        const std::string& name, int64_t created_ms) const {
  return (fs::path(path_) / "firehose" / account / region /
          (name + "-" + std::to_string(created_ms)))
      .string();
}

void DataDir::remove_delivery(const std::string& account, const std::string& region,
                              const std::string& name, int64_t created_ms) const {
  std::error_code ec;
  fs::remove_all(delivery_directory(account, region, name, created_ms), ec);
}

}  // namespace kinesisd::storage
