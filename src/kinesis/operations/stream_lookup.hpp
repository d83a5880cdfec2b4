// Resolving the stream a request names, by StreamName or StreamARN (either or
// both, as the model allows since 2022), and the errors AWS gives on the way.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "kinesis/log/stream.hpp"
#include "kinesis/operations/operation.hpp"

namespace kinesisd::operations {

using protocol::parse_stream_arn;
using protocol::StreamRef;

protocol::Outcome<StreamRef> stream_ref(const Context& ctx, const json& input);
protocol::Outcome<StreamRef> stream_ref(const Context& ctx, const std::optional<std::string>& name,
                                        const std::optional<std::string>& arn);

// A reshard an earlier call planned (log::PlannedReshard) that is due by now
// is made before this call sees the stream; one atomic load when none is.
void settle_reshard(const Context& ctx, const std::shared_ptr<log::Stream>& stream);

// The stream, or ResourceNotFoundException.
protocol::Outcome<std::shared_ptr<log::Stream>> find_stream(const Context& ctx, const json& input);
protocol::Outcome<std::shared_ptr<log::Stream>> find_stream(const Context& ctx,
                                                            const std::optional<std::string>& name,
                                                            const std::optional<std::string>& arn);

std::string stream_not_found_message(std::string_view name, std::string_view account);
// "Stream s under account a not ACTIVE, instead in state CREATING"
Error not_active(const log::Stream& stream, log::StreamStatus status);
// "Shard shardId-000000000007 in stream s under account a does not exist"
std::string shard_not_found_message(std::string_view shard_id, const log::Stream& stream);
std::string shard_not_found_message(std::string_view shard_id, const StreamRef& stream);
// A ShardId that names no shard index at all (log::shard_index_of), as given:
// "Could not find shard <given> in stream s under account a."
Error shard_unreadable(std::string_view given, const StreamRef& stream);
// A ShardId to compare with shard ids: "shardId-000000000007" for any form of
// shard 7 (log::shard_index_of), anything else as given.
std::optional<std::string> canonical_shard_id(std::optional<std::string> given);

}  // namespace kinesisd::operations
