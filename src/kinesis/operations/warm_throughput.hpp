// Warm throughput (WarmThroughputMiBps on CreateStream, UpdateStreamMode and
// UpdateStreamWarmThroughput): only for ON_DEMAND streams in an account whose
// minimum throughput billing commitment is on, and at most 10 GiBps.
#pragma once

#include <optional>

#include "kinesis/log/stream.hpp"
#include "kinesis/operations/operation.hpp"

namespace kinesisd::operations {

inline constexpr int64_t kMaxWarmThroughputMiBps = 10 * 1024;

std::optional<Error> check_warm_throughput(const Context& ctx, log::StreamMode mode, int64_t mibps);

// {"TargetMiBps", "CurrentMiBps"} for DescribeStreamSummary; null when unset.
json warm_throughput_of(const log::Stream& stream, int64_t now_ms);

}  // namespace kinesisd::operations
