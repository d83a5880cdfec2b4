// Every change to a stream's metadata is a StreamEdit: a value saying what
// changed, applied in one place (Stream::apply, through StreamStore::apply),
// so a durable store can record it before it takes effect and replay it at
// start-up through the same code. Modelled on LevelDB's VersionEdit: one
// value with optional parts, each applied in the order they are declared.
//
// Edits carry every timestamp and derived value they need (the new target of
// a warm-throughput change, the moment a stream turns ACTIVE), so applying
// the same edits again rebuilds the same stream.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kinesis/log/consumer.hpp"
#include "kinesis/log/hash_key.hpp"
#include "kinesis/log/stream_meta.hpp"

namespace kinesisd::log {

// A shard as it is created: with the stream, or as the child of a reshard.
struct ShardSpec {
  uint32_t index = 0;
  HashKeyRange range;
  int64_t created_ms = 0;
  std::optional<uint32_t> parent;
  std::optional<uint32_t> adjacent_parent;  // a merge's second parent
};

struct StreamEdit {
  // The stream comes to be, with its first settings and shards.
  struct Creation {
    StreamMeta meta;
    std::vector<ShardSpec> shards;
  };
  // CREATING or UPDATING until ready_at_ms.
  struct Pending {
    int64_t ready_at_ms = 0;
    bool updating = true;
  };
  struct Deletion {
    int64_t at_ms = 0;
    int64_t gone_at_ms = 0;
  };
  struct Encryption {
    std::string type;  // "KMS" or "NONE"
    std::string key_id;
  };
  struct WarmThroughput {
    int target_mibps = 0;
    int previous_mibps = 0;
  };
  // One split or merge step: the parents close (no more appends; their
  // EndingSequenceNumber is fixed) and the children take over their keys.
  struct Reshard {
    std::vector<uint32_t> parents;
    std::vector<ShardSpec> children;
    int64_t at_ms = 0;
  };
  struct ConsumerDeregistration {
    std::string name;
    int64_t at_ms = 0;
    int64_t gone_at_ms = 0;
  };
  struct ConsumerTags {
    std::string name;
    Tags added;
    std::vector<std::string> removed;
  };
  struct ConsumerPolicy {
    std::string name;
    std::string policy;  // "" removes it
  };

  std::optional<Creation> created;
  std::optional<Deletion> deletion;
  std::optional<int> retention_hours;
  std::optional<StreamMode> mode;
  std::optional<Encryption> encryption;
  std::optional<int> max_record_size_kib;
  std::optional<RecordDistribution> distribution;
  std::optional<std::vector<std::string>> shard_level_metrics;
  std::optional<std::string> resource_policy;  // "" removes it
  std::optional<WarmThroughput> warm_throughput;
  std::optional<int64_t> scaling_at_ms;  // an UpdateShardCount call, for its daily quota
  Tags tags_added;
  std::vector<std::string> tags_removed;
  std::optional<Reshard> reshard;
  // A reshard asked for, made later (StreamMeta::planned_reshard); and that
  // the planned one is made (or can no longer be).
  std::optional<PlannedReshard> planned_reshard;
  bool planned_reshard_done = false;
  std::optional<Consumer> consumer_registered;
  std::optional<ConsumerDeregistration> consumer_deregistered;
  std::optional<ConsumerTags> consumer_tags;
  std::optional<ConsumerPolicy> consumer_policy;
  std::optional<Pending> pending;  // last: a change that makes the stream UPDATING

  // What the edit changes, for logs: "retention, pending".
  std::string summary() const;
};

// The settings parts of an edit, applied to a StreamMeta (creation, deletion,
// tags, settings, pending state). Shards and consumers are applied by Stream.
void apply_to_meta(const StreamEdit& edit, StreamMeta& meta);

}  // namespace kinesisd::log
