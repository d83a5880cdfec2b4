// A data directory (--data-dir), laid out once:
//
//   DIR/LOCK                       held (flock) by the kinesisd using DIR
//   DIR/kinesisd.db                metadata (storage::Database, SQLite WAL)
//   DIR/streams/<region>/<stream>-<id>/<shard id>/<first position>.seg
//                                  records (storage/segment_format.hpp)
//   DIR/firehose/<account>/<region>/<delivery stream>-<created ms>/<first position>.seg
//                                  a DirectPut delivery stream's records not yet delivered
//
// One kinesisd per directory: a second one is refused at start-up.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "storage/database.hpp"

namespace kinesisd::storage {

class DataDir {
 public:
  // Creates the directory if need be, locks it and opens its database.
  // Throws storage::Error (another kinesisd holds it, no permission, ...).
  DataDir(const std::string& path, Durability durability);
  ~DataDir();
  DataDir(const DataDir&) = delete;
  DataDir& operator=(const DataDir&) = delete;

  const std::string& path() const { return path_; }
  Database& database() { return *database_; }

  std::string stream_directory(const std::string& region, const std::string& stream,
                               uint64_t stream_id) const;
  std::string shard_directory(const std::string& region, const std::string& stream,
                              uint64_t stream_id, const std::string& shard_id) const;
  // Removes a stream's records (a stream that is gone).
  void remove_stream(const std::string& region, const std::string& stream,
                     uint64_t stream_id) const;

  std::string delivery_directory(const std::string& account, const std::string& region,
                                 const std::string& name, int64_t created_ms) const;
  // Removes a delivery stream's records (one that is gone).
  void remove_delivery(const std::string& account, const std::string& region,
                       const std::string& name, int64_t created_ms) const;

 private:
  std::string path_;
  int lock_fd_ = -1;
  std::unique_ptr<Database> database_;
};

}  // namespace kinesisd::storage
