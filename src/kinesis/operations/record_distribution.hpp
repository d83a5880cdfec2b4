// The rule every operation that sets a stream's record distribution shares
// (CreateStream, UpdateStreamRecordDistributionStrategy, UpdateStreamMode).
#pragma once

#include <optional>
#include <string>

#include "kinesis/log/stream_meta.hpp"
#include "protocol/error.hpp"

namespace kinesisd::operations {

// AUTO on a stream that is not ON_DEMAND: InvalidArgumentException.
std::optional<protocol::Error> check_distribution(const std::string& stream_name,
                                                  log::StreamMode mode,
                                                  log::RecordDistribution distribution);

}  // namespace kinesisd::operations
