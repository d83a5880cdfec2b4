// A registered stream consumer (enhanced fan-out): its ARN, lifecycle and
// tags. Like streams, states come from timestamps: CREATING until
// ready_at_ms, DELETING from deleting_at_ms until gone_at_ms, then gone.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace kinesisd::log {

enum class ConsumerStatus { kCreating, kActive, kDeleting };
const char* to_string(ConsumerStatus s);

inline constexpr size_t kMaxConsumersPerStream = 20;
inline constexpr size_t kMaxCreatingConsumers = 5;

struct Consumer {
  std::string name;
  std::string arn;
  int64_t created_ms = 0;
  int64_t ready_at_ms = 0;
  std::optional<int64_t> deleting_at_ms;
  int64_t gone_at_ms = 0;
  std::map<std::string, std::string> tags;
  std::string resource_policy;  // JSON text; "" when none

  ConsumerStatus status(int64_t now_ms) const;
  bool gone(int64_t now_ms) const { return deleting_at_ms && now_ms >= gone_at_ms; }
};

}  // namespace kinesisd::log
