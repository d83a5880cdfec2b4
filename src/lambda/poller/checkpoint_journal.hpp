// Where a data directory keeps each event source mapping's place in each
// shard (storage::Database, table "checkpoints", key
// "<uuid>/<stream id>/<shard id>", value "<position> <done>"; the stream id
// tells a stream deleted and created again under its name from the old one). A poller saves its
// checkpoint after every batch it settled, and `done` once its closed shard is drained, so after a
// restart a batch the handler acknowledged is not delivered again, and the
// one in flight at the crash is (at least once, as Lambda).
//
// Thread-safe (the database is). Failures throw storage::Error.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "storage/database.hpp"

namespace kinesisd::poller {

struct Checkpoints {
  std::map<std::string, uint64_t> positions;  // by shard id
  std::set<std::string> done;                 // closed shards read to their end
};

class CheckpointJournal {
 public:
  explicit CheckpointJournal(storage::Database& db) : db_(db) {}

  void save(const std::string& uuid, uint64_t stream_id, const std::string& shard_id,
            uint64_t position, bool done);
  void forget(const std::string& uuid);
  void clear();  // every mapping's (/_kinesisd/reset)
  Checkpoints load(const std::string& uuid, uint64_t stream_id) const;

 private:
  storage::Database& db_;
};

}  // namespace kinesisd::poller
