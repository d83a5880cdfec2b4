// Where a data directory keeps the delivery streams (--data-dir):
//   table "delivery_streams"      key: ARN  value: the definition, as JSON:
//     {"identity": {"name", "region", "account", "created_ms", "ready_at_ms"},
//      "create": the CreateDeliveryStream input,
//      "updates": [{"input": an UpdateDestination input, "at_ms"}, ...],
//      "tags": [[key, value], ...], "encryption": {...},
//      "deleting_at_ms", "gone_at_ms"}
//     a restart replays the create and the updates through the operations'
//     own code, so VersionId and the destination come back as they were;
//   table "delivery_checkpoints"  key: ARN "/" created ms  value: what has
//     been delivered (a stream created again under the name starts afresh):
//     {"next": position} of a DirectPut stream's log, or
//     {"shards": {shard id: position}, "done": [shard id, ...]} of a Kinesis
//     source (the records before are in a destination or its error output);
// and each DirectPut stream's acknowledged records in a log of its own
// (DiskShardLog: the streams' segment files, group commit in fsync mode)
// until a checkpoint passes them.
//
// Thread-safe (the database is; each log belongs to its delivery stream).
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kinesis/log/chunk_cache.hpp"
#include "kinesis/log/shard_log.hpp"
#include "storage/data_dir.hpp"
#include "storage/sync_group.hpp"

namespace kinesisd::delivery {

struct DeliveryIdentity;

class DeliveryJournal {
 public:
  DeliveryJournal(storage::DataDir& dir, log::ChunkCache* cache, storage::SyncGroup* sync)
      : dir_(dir), cache_(cache), sync_(sync) {}

  // A delivery stream's definition row (the layout above).
  void save(const std::string& arn, const nlohmann::json& definition);
  std::optional<nlohmann::json> definition(const std::string& arn) const;
  // Every definition, by ARN.
  std::vector<nlohmann::json> load() const;
  // A delivery stream that is gone: its row, its checkpoint and its records.
  void forget(const DeliveryIdentity& identity);

  // The log of a DirectPut stream's records, recovered from its files.
  std::unique_ptr<log::ShardLog> open_log(const DeliveryIdentity& identity);
  void save_checkpoint(const DeliveryIdentity& identity, const nlohmann::json& checkpoint);
  std::optional<nlohmann::json> checkpoint(const DeliveryIdentity& identity) const;
  // Calls `send` once what a log's append returned as `generation` is on
  // stable storage (--durability fsync), else at once.
  std::function<void(std::function<void()>)> when_synced(uint64_t generation) const;

 private:
  storage::DataDir& dir_;
  log::ChunkCache* cache_;
  storage::SyncGroup* sync_;
};

}  // namespace kinesisd::delivery
