#include "storage/database.hpp"

namespace kinesisd::storage {
namespace {

enum Which { kPut, kErase, kErasePrefix, kGet, kScan, kCount };

const char* const kSql[kCount] = {
    ("INSERT INTO kv(tbl, key, value) VALUES(?1, ?2, ?3) "
     "ON CONFLICT(tbl, key) DO UPDATE SET value = excluded.value"),
    "DELETE FROM kv WHERE tbl = ?1 AND key = ?2",
    "DELETE FROM kv WHERE tbl = ?1 AND substr(key, 1, length(?2)) = ?2",
    "SELECT value FROM kv WHERE tbl = ?1 AND key = ?2",
    "SELECT key, value FROM kv WHERE tbl = ?1 AND substr(key, 1, length(?2)) = ?2 ORDER BY key",
};

}  // namespace

struct Database::Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
  // Binds text parameters 1..n; the views must outlive the step.
  void bind(std::initializer_list<std::string_view> values) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    int i = 1;
    for (auto v : values)  // never a null pointer: SQLite would bind NULL, not ""
      sqlite3_bind_blob(stmt, i++, v.empty() ? "" : v.data(), static_cast<int>(v.size()),
                        SQLITE_STATIC);
  }
  static std::string column(sqlite3_stmt* stmt, int i) {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, i));
    return std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(stmt, i)));
  }
};

Database::Database(const std::string& path, Durability durability) : path_(path) {
  try {
    open(durability);
  } catch (...) {  // no destructor runs for a constructor that throws
    statements_.clear();
    sqlite3_close(db_);
    throw;
  }
}

void Database::open(Durability durability) {
  base::RecursiveLock lock(mu_);
  if (sqlite3_open_v2(path_.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    fail("cannot open");
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec(durability == Durability::kFsync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  exec(
      "CREATE TABLE IF NOT EXISTS kv(tbl BLOB NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL, "
      "PRIMARY KEY(tbl, key)) WITHOUT ROWID");
  statements_.resize(kCount);
}

Database::~Database() {
  statements_.clear();
  sqlite3_close(db_);
}

void Database::fail(const char* what) const {
  throw Error(path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
}

void Database::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message ? message : "error";
    sqlite3_free(message);
    throw Error(path_ + ": " + sql + ": " + why);
  }
}

Database::Statement& Database::prepared(int which) const {
  auto& s = statements_[static_cast<size_t>(which)];
  if (!s) {
    s = std::make_unique<Statement>();
    if (sqlite3_prepare_v2(db_, kSql[which], -1, &s->stmt, nullptr) != SQLITE_OK) {
      s.reset();
      fail("cannot prepare a statement");
    }
  }
  return *s;
}

void Database::put(std::string_view table, std::string_view key, std::string_view value) {
  base::RecursiveLock lock(mu_);
  auto& s = prepared(kPut);
  s.bind({table, key, value});
  if (sqlite3_step(s.stmt) != SQLITE_DONE) fail("cannot write");
}

void Database::erase(std::string_view table, std::string_view key) {
  base::RecursiveLock lock(mu_);
  auto& s = prepared(kErase);
  s.bind({table, key});
  if (sqlite3_step(s.stmt) != SQLITE_DONE) fail("cannot delete");
}

void Database::erase_prefix(std::string_view table, std::string_view prefix) {
  base::RecursiveLock lock(mu_);
  auto& s = prepared(kErasePrefix);
  s.bind({table, prefix});
  if (sqlite3_step(s.stmt) != SQLITE_DONE) fail("cannot delete");
}

std::optional<std::string> Database::get(std::string_view table, std::string_view key) const {
  base::RecursiveLock lock(mu_);
  auto& s = prepared(kGet);
  s.bind({table, key});
  const int rc = sqlite3_step(s.stmt);
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) fail("cannot read");
  return Statement::column(s.stmt, 0);
}

std::vector<std::pair<std::string, std::string>> Database::scan(std::string_view table,
                                                                std::string_view prefix) const {
  base::RecursiveLock lock(mu_);
  auto& s = prepared(kScan);
  s.bind({table, prefix});
  std::vector<std::pair<std::string, std::string>> out;
  for (;;) {
    const int rc = sqlite3_step(s.stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) fail("cannot read");
    out.emplace_back(Statement::column(s.stmt, 0), Statement::column(s.stmt, 1));
  }
  return out;
}

}  // namespace kinesisd::storage
