// GetShardIterator: a signed token holding the position the next GetRecords
// starts at. TRIM_HORIZON and AT_TIMESTAMP resolve by binary search over
// arrival times; AT/AFTER_SEQUENCE_NUMBER decode the position from the number.
#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/starting_position.hpp"
#include "operations/stream_lookup.hpp"
#include "protocol/shard_iterator.hpp"

namespace kinesisd::operations {

Output get_shard_iterator(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  const auto status = stream.status(ctx.now_ms);
  if (status == log::StreamStatus::kCreating)
    return errors::resource_not_found(stream_not_found_message(stream.name(), stream.account()));

  const auto shard_id = *opt_string(in, "ShardId");
  const auto type = *opt_string(in, "ShardIteratorType");
  const auto starting = opt_string(in, "StartingSequenceNumber");
  const auto timestamp_ms = opt_time_ms(in, "Timestamp");
  auto shard = stream.find_shard(shard_id);
  if (!shard) return errors::resource_not_found(shard_not_found_message(shard_id, stream));

  auto position = resolve_position(ctx, stream, *shard,
                                   {type, starting, timestamp_ms}, "GetShardIterator");
  if (!position.ok()) return position.error();

  protocol::ShardIteratorState state{ctx.now_ms,     stream.created_ms(), position.value(),
                                     shard->index(), stream.region(),     stream.name()};
  return json{{"ShardIterator", protocol::encode_shard_iterator(ctx.signer, state)}};
}

}  // namespace kinesisd::operations
