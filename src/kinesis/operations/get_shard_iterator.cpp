// GetShardIterator: a signed token holding the position the next GetRecords
// starts at. TRIM_HORIZON and AT_TIMESTAMP resolve by binary search over
// arrival times; AT/AFTER_SEQUENCE_NUMBER decode the position from the number.
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/dry_run.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/starting_position.hpp"
#include "kinesis/operations/stream_lookup.hpp"
#include "protocol/shard_iterator.hpp"

namespace kinesisd::operations {

// The ShardId is read as AWS reads it (log::shard_index_of): one it cannot
// read is "Could not find shard ..." before the stream is looked up; a shard
// of a stream that is missing or still CREATING "does not exist" (kinesalite's
// test/getShardIterator.js, checked against AWS).
Output get_shard_iterator(Context& ctx, const json& in) {
  auto ref = stream_ref(ctx, in);
  if (!ref.ok()) return ref.error();
  const auto& given = in.at("ShardId").get_ref<const std::string&>();
  const auto index = log::shard_index_of(given);
  if (!index) return shard_unreadable(given, ref.value());
  const auto shard_id = log::shard_id_for(*index);
  auto found = find_stream(ctx, in);
  if (!found.ok() || found.value()->status(ctx.now_ms) == log::StreamStatus::kCreating)
    return errors::resource_not_found(shard_not_found_message(shard_id, ref.value()));
  auto& stream = *found.value();

  const auto type = *opt_string(in, "ShardIteratorType");
  const auto starting = opt_string(in, "StartingSequenceNumber");
  const auto timestamp_ms = opt_time_ms(in, "Timestamp");
  auto shard = stream.find_shard(*index);
  if (!shard) return errors::resource_not_found(shard_not_found_message(shard_id, stream));
  if (dry_run(in)) {  // its own limit, not the shard's; no iterator is issued
    auto position =
        resolve_position(ctx, stream, *shard, {type, starting, timestamp_ms}, "GetShardIterator");
    if (!position.ok()) return position.error();
    return dry_run_answer(ctx, stream);
  }
  // 5 calls/s per shard (--limits aws; "Quotas and limits"), answered as
  // PutRecord's throttling is.
  if (stream.limited() && !shard->throughput().admit_iterator(ctx.now_ms)) {
    ctx.store.throttles().add("GetShardIterator", stream.name(), shard_id);
    return errors::make("ProvisionedThroughputExceededException",
                        "Rate exceeded for shard " + shard_id + " in stream " + stream.name() +
                            " under account " + stream.account() + ".");
  }

  auto position =
      resolve_position(ctx, stream, *shard, {type, starting, timestamp_ms}, "GetShardIterator");
  if (!position.ok()) return position.error();

  protocol::ShardIteratorState state{ctx.now_ms,      stream.created_ms(), position.value(),
                                     shard->index(),  stream.region(),     stream.name(),
                                     stream.account()};
  return json{{"ShardIterator", protocol::encode_shard_iterator(ctx.signer, state)}};
}

}  // namespace kinesisd::operations
