// Where a reader starts in a shard: TRIM_HORIZON, LATEST, AT_TIMESTAMP,
// AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER, as GetShardIterator and
// SubscribeToShard share them (with the operation's name in the messages).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kinesis/log/stream.hpp"
#include "kinesis/operations/operation.hpp"

namespace kinesisd::operations {

struct StartingPosition {
  std::string type;
  std::optional<std::string> sequence_number;
  std::optional<int64_t> timestamp_ms;
};

// The log position of the first record to read, or AWS's error.
protocol::Outcome<uint64_t> resolve_position(const Context& ctx, const log::Stream& stream,
                                             const log::Shard& shard, const StartingPosition& at,
                                             std::string_view operation);

}  // namespace kinesisd::operations
