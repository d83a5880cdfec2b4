// A handler: the function an event source mapping invokes with a batch. Three
// kinds implement it (shared_library, process, http); the poller only sees
// this interface.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kinesisd::handler {

struct Invocation {
  enum class Status {
    kOk,             // the function returned; payload is its response ("" = none)
    kFunctionError,  // Lambda's "function error": retried, bisected, dead-lettered
    kThrottled,      // the function was not run (Lambda throttled it): retried as is
  };
  Status status = Status::kOk;
  std::string payload;
  std::string error;  // what went wrong, for logs and LastProcessingResult

  static Invocation ok(std::string payload) { return {Status::kOk, std::move(payload), {}}; }
  static Invocation function_error(std::string why) {
    return {Status::kFunctionError, {}, std::move(why)};
  }
  static Invocation throttled(std::string why) { return {Status::kThrottled, {}, std::move(why)}; }
  bool succeeded() const { return status == Status::kOk; }
};

// What a handler with warm instances counts (the `runtime` kind), for /metrics.
struct InstanceStats {
  uint64_t cold_starts = 0;
  uint64_t warm_invocations = 0;
  uint64_t invocations = 0;
  uint64_t duration_us = 0;  // summed over invocations
};

class Handler {
 public:
  virtual ~Handler() = default;
  virtual const std::string& name() const = 0;
  // Runs the function on one event (Lambda's Kinesis event JSON). Blocking and
  // thread-safe. Kinds that can abandon a call (process, http) watch `cancel`
  // and give up promptly when it turns true (shutdown).
  virtual Invocation invoke(std::string_view event, const std::atomic<bool>& cancel) = 0;
  // Kinds that keep instances warm count them; the others have none.
  virtual std::optional<InstanceStats> instance_stats() const { return std::nullopt; }
};

}  // namespace kinesisd::handler
