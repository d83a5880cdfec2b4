// Resolving the stream a request names, by StreamName or StreamARN (either or
// both, as the model allows since 2022), and the errors AWS gives on the way.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "log/stream.hpp"
#include "operations/operation.hpp"

namespace kinesisd::operations {

using log::parse_stream_arn;
using log::StreamRef;

protocol::Outcome<StreamRef> stream_ref(const Context& ctx, const json& input);
protocol::Outcome<StreamRef> stream_ref(const Context& ctx, const std::optional<std::string>& name,
                                        const std::optional<std::string>& arn);

// The stream, or ResourceNotFoundException.
protocol::Outcome<std::shared_ptr<log::Stream>> find_stream(const Context& ctx, const json& input);
protocol::Outcome<std::shared_ptr<log::Stream>> find_stream(const Context& ctx,
                                                            const std::optional<std::string>& name,
                                                            const std::optional<std::string>& arn);

std::string stream_not_found_message(std::string_view name, std::string_view account);
// "Stream s under account a not ACTIVE, instead in state CREATING"
Error not_active(const log::Stream& stream, log::StreamStatus status);
std::string shard_not_found_message(std::string_view shard_id, const log::Stream& stream);

}  // namespace kinesisd::operations
