// The Shard document shared by DescribeStream and ListShards, and the
// ChildShards list of GetRecords and SubscribeToShardEvent.
// Shard:
// {"ShardId", "ParentShardId"?, "AdjacentParentShardId"?,
//  "HashKeyRange": {"StartingHashKey", "EndingHashKey"},
//  "SequenceNumberRange": {"StartingSequenceNumber", "EndingSequenceNumber"?}}
#pragma once

#include <nlohmann/json.hpp>

#include "kinesis/log/stream.hpp"

namespace kinesisd::operations {

nlohmann::json describe_shard(const log::Shard& shard);
nlohmann::json hash_key_range(const log::HashKeyRange& range);
// [{"ShardId", "ParentShards": [...], "HashKeyRange"}] for the shards whose
// parent or adjacent parent is `parent`.
nlohmann::json child_shards(const log::Stream& stream, const log::Shard& parent);

}  // namespace kinesisd::operations
