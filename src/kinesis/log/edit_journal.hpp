// Where a data directory keeps its streams' metadata (storage::Database):
//   table "streams"       key: stream id (20 digits)         value: StreamIdentity as JSON
//   table "stream_edits"  key: stream id "/" sequence (20+20) value: StreamEdit as JSON
//   table "account"       key: region                        value: the billing commitment
// Every edit is recorded before it is applied (StreamStore::apply), so a
// restart replays exactly what had taken effect, in order, through the same
// code (Stream::apply). A stream that is gone is forgotten: its rows go.
//
// Thread-safe (the database is). Failures throw storage::Error.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "kinesis/log/account_settings.hpp"
#include "kinesis/log/stream.hpp"
#include "storage/database.hpp"

namespace kinesisd::log {

class EditJournal {
 public:
  explicit EditJournal(storage::Database& db);

  void record(const StreamIdentity& stream, const StreamEdit& edit);
  void forget(const StreamIdentity& stream);

  struct Recovered {
    StreamIdentity identity;
    std::vector<StreamEdit> edits;
  };
  // Every recorded stream with its edits in order, by stream id. A row that
  // does not decode is logged and skipped (the rest of that stream is kept).
  std::vector<Recovered> load() const;

  void record_account(const std::string& region, const AccountSettings::Record& record);
  std::vector<std::pair<std::string, AccountSettings::Record>> load_account() const;
  // Every region's account settings (/_kinesisd/reset).
  void forget_accounts();

 private:
  storage::Database& db_;
  std::atomic<uint64_t> next_sequence_{1};
};

}  // namespace kinesisd::log
