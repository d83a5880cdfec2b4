// GetShardIterator: a signed token holding the position the next GetRecords
// starts at. TRIM_HORIZON and AT_TIMESTAMP resolve by binary search over
// arrival times; AT/AFTER_SEQUENCE_NUMBER decode the position from the number.
#include "log/sequence_number.hpp"
#include "operations/catalog.hpp"
#include "operations/input.hpp"
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

  const bool by_sequence = type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER";
  if (by_sequence && !starting)
    return errors::invalid_argument(
        "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
        "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. "
        "Request specified " +
        type + " and no StartingSequenceNumber.");
  if ((type == "TRIM_HORIZON" || type == "LATEST") && starting)
    return errors::invalid_argument(
        "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
        "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. "
        "Request specified " +
        type + " and also a StartingSequenceNumber.");

  const int64_t visible_from = stream.visible_from_ms(ctx.now_ms);
  uint64_t position = 0;
  if (type == "TRIM_HORIZON") {
    position = shard->trim_horizon(visible_from);
  } else if (type == "LATEST") {
    position = shard->latest();
  } else if (type == "AT_TIMESTAMP") {
    if (!timestamp_ms)
      return errors::invalid_argument(
          "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current "
          "request has no timestamp parameter.");
    if (*timestamp_ms > ctx.now_ms)
      return errors::invalid_argument(
          "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. "
          "timestampInMillis: " +
          std::to_string(*timestamp_ms) +
          ", currentTimestampInMillis: " + std::to_string(ctx.now_ms));
    position = shard->at_timestamp(*timestamp_ms, visible_from);
  } else {
    const auto invalid = "StartingSequenceNumber " + *starting +
                         " used in GetShardIterator on shard " + shard->id() + " in stream " +
                         stream.name() + " under account " + stream.account() + " is invalid";
    auto seq = log::SequenceNumber::parse(*starting);
    if (!seq) return errors::invalid_argument(invalid + ".");
    if (seq->shard_index != shard->index())
      return errors::invalid_argument(
          "Invalid StartingSequenceNumber. It encodes " + log::shard_id_for(seq->shard_index) +
          ", while it was used in a call to a shard with " + shard->id());
    if (seq->shard_created_s != shard->starting_sequence().shard_created_s ||
        seq->counter > shard->latest())
      return errors::invalid_argument(invalid + " because it did not come from this stream.");
    position = log::Shard::position_of(*seq);
    if (type == "AFTER_SEQUENCE_NUMBER" && seq->counter > 0) ++position;
  }

  protocol::ShardIteratorState state{ctx.now_ms,     stream.created_ms(), position,
                                     shard->index(), stream.region(),     stream.name()};
  return json{{"ShardIterator", protocol::encode_shard_iterator(ctx.signer, state)}};
}

}  // namespace kinesisd::operations
