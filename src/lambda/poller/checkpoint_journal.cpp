#include "lambda/poller/checkpoint_journal.hpp"

#include <cstdlib>

namespace kinesisd::poller {
namespace {
constexpr std::string_view kTable = "checkpoints";
}

void CheckpointJournal::save(const std::string& uuid, uint64_t stream_id,
                             const std::string& shard_id, uint64_t position, bool done) {
  db_.put(kTable, uuid + "/" + std::to_string(stream_id) + "/" + shard_id,
          std::to_string(position) + (done ? " 1" : " 0"));
}

void CheckpointJournal::forget(const std::string& uuid) { db_.erase_prefix(kTable, uuid + "/"); }

void CheckpointJournal::clear() { db_.erase_prefix(kTable, ""); }

Checkpoints CheckpointJournal::load(const std::string& uuid, uint64_t stream_id) const {
  Checkpoints out;
  const std::string prefix = uuid + "/" + std::to_string(stream_id) + "/";
  for (const auto& [key, value] : db_.scan(kTable, prefix)) {
    const std::string shard = key.substr(prefix.size());
    char* rest = nullptr;
    const uint64_t position = std::strtoull(value.c_str(), &rest, 10);
    out.positions[shard] = position;
    if (rest && std::string_view(rest) == " 1") out.done.insert(shard);
  }
  return out;
}

}  // namespace kinesisd::poller
