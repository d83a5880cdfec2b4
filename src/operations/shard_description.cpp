#include "operations/shard_description.hpp"

namespace kinesisd::operations {

nlohmann::json hash_key_range(const log::HashKeyRange& range) {
  return {{"StartingHashKey", log::to_decimal(range.start)},
          {"EndingHashKey", log::to_decimal(range.end)}};
}

nlohmann::json describe_shard(const log::Shard& shard) {
  nlohmann::json j;
  j["ShardId"] = shard.id();
  if (shard.parent()) j["ParentShardId"] = *shard.parent();
  if (shard.adjacent_parent()) j["AdjacentParentShardId"] = *shard.adjacent_parent();
  j["HashKeyRange"] = hash_key_range(shard.range());
  nlohmann::json seq = {{"StartingSequenceNumber", shard.starting_sequence().to_string()}};
  if (auto end = shard.ending_sequence()) seq["EndingSequenceNumber"] = end->to_string();
  j["SequenceNumberRange"] = std::move(seq);
  return j;
}

}  // namespace kinesisd::operations
