#include "kinesis/operations/starting_position.hpp"

#include "kinesis/log/sequence_number.hpp"

namespace kinesisd::operations {

protocol::Outcome<uint64_t> resolve_position(const Context& ctx, const log::Stream& stream,
                                             const log::Shard& shard, const StartingPosition& at,
                                             std::string_view operation) {
  const auto& type = at.type;
  const bool by_sequence = type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER";
  const std::string both_forms =
      "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
      "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. "
      "Request specified " +
      type;
  if (by_sequence && !at.sequence_number)
    return errors::invalid_argument(both_forms + " and no StartingSequenceNumber.");
  if ((type == "TRIM_HORIZON" || type == "LATEST") && at.sequence_number)
    return errors::invalid_argument(both_forms + " and also a StartingSequenceNumber.");

  const int64_t visible_from = stream.visible_from_ms(ctx.now_ms);
  if (type == "TRIM_HORIZON") return shard.trim_horizon(visible_from);
  if (type == "LATEST") return shard.latest();
  if (type == "AT_TIMESTAMP") {
    if (!at.timestamp_ms)
      return errors::invalid_argument(
          "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current "
          "request has no timestamp parameter.");
    if (*at.timestamp_ms > ctx.now_ms)
      return errors::invalid_argument(
          "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. "
          "timestampInMillis: " +
          std::to_string(*at.timestamp_ms) +
          ", currentTimestampInMillis: " + std::to_string(ctx.now_ms));
    return shard.at_timestamp(*at.timestamp_ms, visible_from);
  }

  const auto& text = *at.sequence_number;
  const auto invalid = "StartingSequenceNumber " + text + " used in " + std::string(operation) +
                       " on shard " + shard.id() + " in stream " + stream.name() +
                       " under account " + stream.account() + " is invalid";
  auto seq = log::SequenceNumber::parse(text);
  if (!seq) {
    // A number of Kinesis's first layout (kinesalite's test/getShardIterator.js,
    // run against AWS): a date past AWS's range is invalid; another shard's is
    // refused as such; this shard's did not come from this stream. AWS prints
    // the number as it reads it.
    if (const auto old = log::parse_first_layout(text)) {
      const auto invalid_old = "StartingSequenceNumber " + old->decimal + " used in " +
                               std::string(operation) + " on shard " + shard.id() + " in stream " +
                               stream.name() + " under account " + stream.account() + " is invalid";
      if (old->shard_created_s >= log::kFirstLayoutDateLimitS)
        return errors::invalid_argument(invalid_old + ".");
      if (old->shard_index != shard.index())
        return errors::invalid_argument(
            "Invalid StartingSequenceNumber. It encodes " + log::shard_id_for(old->shard_index) +
            ", while it was used in a call to a shard with " + shard.id());
      return errors::invalid_argument(invalid_old + " because it did not come from this stream.");
    }
    return errors::invalid_argument(invalid + ".");
  }
  // A counter or shard index with its top bit set (an 8 or more as the
  // field's first hex digit) is invalid (test/getShardIterator.js "8 in
  // index", "8 near end").
  if (seq->counter >> 63 != 0 || seq->shard_index >> 31 != 0)
    return errors::invalid_argument(invalid + ".");
  if (seq->shard_index != shard.index())
    return errors::invalid_argument("Invalid StartingSequenceNumber. It encodes " +
                                    log::shard_id_for(seq->shard_index) +
                                    ", while it was used in a call to a shard with " + shard.id());
  if (seq->shard_created_s != shard.starting_sequence().shard_created_s ||
      seq->counter > shard.latest())
    return errors::invalid_argument(invalid + " because it did not come from this stream.");
  uint64_t position = log::Shard::position_of(*seq);
  if (type == "AFTER_SEQUENCE_NUMBER" && seq->counter > 0) ++position;
  return position;
}

}  // namespace kinesisd::operations
