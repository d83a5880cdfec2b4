// Log output: "text" (spdlog's default line) or "json" (one object per line:
// {"time":"2026-11-22T12:00:00.123Z","level":"info","thread":123,"msg":"..."}),
// for log collectors in CI and containers.
#pragma once

#include <string>

namespace kinesisd::observability {

// Throws std::invalid_argument for a format other than text or json.
void set_log_format(const std::string& format);

}  // namespace kinesisd::observability
