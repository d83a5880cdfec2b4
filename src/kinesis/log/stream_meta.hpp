// What a stream is, apart from its shards and consumers: its settings and
// the timestamps its lifecycle state is computed from (CREATING until
// ready_at_ms, UPDATING likewise when `updating`, DELETING from
// deleting_at_ms until gone_at_ms), so no timer has to fire for a stream to
// change state. Changed only by applying a StreamEdit (kinesis/log/stream_edit.hpp).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinesisd::log {

enum class StreamStatus { kCreating, kActive, kUpdating, kDeleting };
const char* to_string(StreamStatus s);

enum class StreamMode { kProvisioned, kOnDemand };
const char* to_string(StreamMode m);

// How records find their shard (RecordDistributionStrategy): by partition key
// (or ExplicitHashKey), or spread evenly whatever the key (AUTO, ON_DEMAND
// streams only).
enum class RecordDistribution { kUserPartitionKey, kAuto };
const char* to_string(RecordDistribution d);
std::optional<RecordDistribution> record_distribution_of(std::string_view name);

using Tags = std::map<std::string, std::string>;

// A reshard asked for (SplitShard, MergeShards, UpdateShardCount) and not
// made yet. AWS keeps the parent shards open, taking the puts, while the
// stream is UPDATING; the children appear and the parents close when it is
// ACTIVE again (the developer guide's "Resharding a stream"). So kinesisd
// makes it once the update's time has passed (log/uniform_scaling's
// carry_out_planned_reshard), from these arguments.
struct PlannedReshard {
  enum class Kind { kSplit, kMerge, kScale };
  Kind kind = Kind::kSplit;
  uint32_t shard = 0;        // split: the shard; merge: the first shard
  uint32_t other_shard = 0;  // merge: the adjacent shard
  std::string key;           // split: NewStartingHashKey, in decimal
  uint32_t target = 0;       // scale: TargetShardCount
  int64_t at_ms = 0;         // made from then on
};

struct StreamMeta {
  StreamMode mode = StreamMode::kProvisioned;
  int retention_hours = 24;
  std::string encryption_type = "NONE";
  std::string key_id;
  int max_record_size_kib = 1024;
  RecordDistribution distribution = RecordDistribution::kUserPartitionKey;
  Tags tags;
  std::vector<std::string> shard_level_metrics;
  std::string resource_policy;             // JSON text; "" when none
  int warm_throughput_mibps = 0;           // ON_DEMAND warm throughput target
  int warm_throughput_previous_mibps = 0;  // what is "current" while UPDATING
  std::deque<int64_t> scalings_ms;         // UpdateShardCount calls, oldest first
  int64_t ready_at_ms = 0;                 // CREATING/UPDATING until then
  bool updating = false;                   // the pending state is UPDATING, not CREATING
  std::optional<int64_t> deleting_at_ms;
  int64_t gone_at_ms = 0;                         // meaningful once deleting
  std::optional<PlannedReshard> planned_reshard;  // UPDATING until it is made

  StreamStatus status(int64_t now_ms) const;
  bool gone(int64_t now_ms) const { return deleting_at_ms && now_ms >= gone_at_ms; }
  // Whether the stream ever finished CREATING: by now, or before a DeleteStream
  // that came while it was CREATING. Until then AWS shows no shards.
  bool created(int64_t now_ms) const {
    if (updating) return true;
    return deleting_at_ms ? *deleting_at_ms >= ready_at_ms : now_ms >= ready_at_ms;
  }
};

}  // namespace kinesisd::log
