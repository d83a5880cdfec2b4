// A handler: the function an event source mapping invokes with a batch. Three
// kinds implement it (shared_library, process, http); the poller only sees
// this interface.
#pragma once

#include <atomic>
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

class Handler {
 public:
  virtual ~Handler() = default;
  virtual const std::string& name() const = 0;
  // Runs the function on one event (Lambda's Kinesis event JSON). Blocking and
  // thread-safe. Kinds that can abandon a call (process, http) watch `cancel`
  // and give up promptly when it turns true (shutdown).
  virtual Invocation invoke(std::string_view event, const std::atomic<bool>& cancel) = 0;
};

}  // namespace kinesisd::handler
