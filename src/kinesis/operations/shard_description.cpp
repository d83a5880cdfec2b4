#include "kinesis/operations/shard_description.hpp"

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

nlohmann::json child_shards(const log::Stream& stream, const log::Shard& parent) {
  nlohmann::json children = nlohmann::json::array();
  for (const auto& s : stream.shards()) {
    if (s->parent() != parent.id() && s->adjacent_parent() != parent.id()) continue;
    nlohmann::json parents = nlohmann::json::array();
    if (s->parent()) parents.push_back(*s->parent());
    if (s->adjacent_parent()) parents.push_back(*s->adjacent_parent());
    children.push_back({{"ShardId", s->id()},
                        {"ParentShards", std::move(parents)},
                        {"HashKeyRange", hash_key_range(s->range())}});
  }
  return children;
}

}  // namespace kinesisd::operations
