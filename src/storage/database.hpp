// The metadata of a data directory: a small key-value store of named tables
// on SQLite in WAL mode (sqlite.org/wal.html), which commits atomically and
// survives a crash at any moment. Each layer keeps its own values here
// (stream edits, mappings, checkpoints, settings) in its own encoding; the
// database knows none of them.
//
// Durability: kProcess commits with synchronous=NORMAL (a commit is in the
// WAL file, written, before put() returns: killing the process loses
// nothing; a power loss may lose the last commits), kFsync with
// synchronous=FULL (the WAL is synced at every commit).
//
// Thread-safe: one connection, serialized by mu_. Failures throw
// storage::Error (a std::runtime_error naming the file and SQLite's reason).
#pragma once

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/mutex.hpp"

namespace kinesisd::storage {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Durability { kProcess, kFsync };

class Database {
 public:
  // Opens (creating if need be) the database file. Throws Error.
  Database(const std::string& path, Durability durability);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void put(std::string_view table, std::string_view key, std::string_view value);
  void erase(std::string_view table, std::string_view key);
  // Every key of the table that starts with `prefix`.
  void erase_prefix(std::string_view table, std::string_view prefix);
  std::optional<std::string> get(std::string_view table, std::string_view key) const;
  // The entries of the table whose keys start with `prefix`, in key order.
  std::vector<std::pair<std::string, std::string>> scan(std::string_view table,
                                                        std::string_view prefix = {}) const;

  // Several changes as one commit: f runs with the lock held and may call the
  // methods above (they then join the transaction).
  template <class F>
  void transaction(F&& f) {
    base::RecursiveLock lock(mu_);
    exec("BEGIN IMMEDIATE");
    in_transaction_ = true;
    try {
      f();
    } catch (...) {
      in_transaction_ = false;
      exec("ROLLBACK");
      throw;
    }
    in_transaction_ = false;
    exec("COMMIT");
  }

  const std::string& path() const { return path_; }

 private:
  struct Statement;
  void exec(const char* sql) REQUIRES(mu_);
  Statement& prepared(int which) const REQUIRES(mu_);
  [[noreturn]] void fail(const char* what) const;
  void open(Durability durability);  // the constructor's work

  const std::string path_;
  sqlite3* db_ = nullptr;
  mutable base::RecursiveMutex mu_;
  mutable std::vector<std::unique_ptr<Statement>> statements_ GUARDED_BY(mu_);
  bool in_transaction_ GUARDED_BY(mu_) = false;
};

}  // namespace kinesisd::storage
