#include "kinesis/operations/call_target.hpp"

#include "kinesis/log/hash_key.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"
#include "protocol/shard_iterator.hpp"

namespace kinesisd::operations {

CallTarget call_target(const Context& ctx, std::string_view operation, const json& input,
                       bool route) {
  CallTarget t;
  if (auto name = opt_string(input, "StreamName")) {
    t.stream = *name;
  } else if (auto arn = opt_string(input, "StreamARN")) {
    if (auto ref = parse_stream_arn(*arn)) t.stream = ref->name;
  } else if (auto consumer = opt_string(input, "ConsumerARN")) {
    if (auto ref = protocol::parse_consumer_arn(*consumer)) t.stream = ref->stream.name;
  }
  for (const char* key : {"ShardId", "ShardToSplit", "ShardToMerge"})
    if (auto shard = canonical_shard_id(opt_string(input, key))) {
      t.shard = *shard;
      break;
    }
  if (operation == "GetRecords") {
    std::string_view token = input.at("ShardIterator").get_ref<const std::string&>();
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"')
      token = token.substr(1, token.size() - 2);
    if (auto state = protocol::decode_shard_iterator(ctx.signer, token)) {
      t.stream = state->stream_name;
      t.account = state->account;
      t.region = state->region;
      t.shard = log::shard_id_for(state->shard_index);
    }
  } else if (route && operation == "PutRecord" && !t.stream.empty()) {
    // The open shard the record's key routes to.
    const auto region = ctx.region;
    if (auto stream = ctx.store.find(ctx.account(), region, t.stream)) {
      std::optional<log::HashKey> key;
      if (auto explicit_key = opt_string(input, "ExplicitHashKey"))
        key = log::parse_hash_key(*explicit_key);
      if (!key)
        if (auto partition_key = opt_string(input, "PartitionKey"))
          key = log::hash_partition_key(*partition_key);
      if (key)
        if (auto shard = stream->route(*key)) t.shard = shard->id();
    }
  }
  return t;
}

}  // namespace kinesisd::operations
