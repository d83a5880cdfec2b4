// The members DescribeStream and DescribeStreamSummary share: name, ARN,
// status, mode, retention, creation time, monitoring and encryption.
#pragma once

#include <nlohmann/json.hpp>

#include "kinesis/log/stream.hpp"

namespace kinesisd::operations {

nlohmann::json describe_stream_common(const log::Stream& stream, int64_t now_ms);

}  // namespace kinesisd::operations
