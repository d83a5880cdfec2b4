// The Shard document shared by DescribeStream and ListShards:
// {"ShardId", "ParentShardId"?, "AdjacentParentShardId"?,
//  "HashKeyRange": {"StartingHashKey", "EndingHashKey"},
//  "SequenceNumberRange": {"StartingSequenceNumber", "EndingSequenceNumber"?}}
#pragma once

#include <nlohmann/json.hpp>

#include "log/shard.hpp"

namespace kinesisd::operations {

nlohmann::json describe_shard(const log::Shard& shard);
nlohmann::json hash_key_range(const log::HashKeyRange& range);

}  // namespace kinesisd::operations
