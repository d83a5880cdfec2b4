// One fault-injection rule, as the config file's "faults" section, the
// /_kinesisd/faults API and the README write it: a JSON object with
//   a match    "operation" (a Kinesis operation or "*"), optional "stream"
//              and "shard"; or "function" for an event source mapping's
//              handler;
//   a trigger  "probability", "count" (the next N matching calls) or "every"
//              (each Nth); none: every call. "seed" seeds the rule's draws
//              (its probability, and which records a partial fails);
//   an effect  "error" (a type, optional "message"), "latency_ms", "drop":
//              true, "partial" (the share of a PutRecords call's records to
//              fail, optionally with "error" ProvisionedThroughputExceeded-
//              Exception or InternalFailure), or, for a function,
//              "handler_error": "function" | "timeout" | "throttle".
// Parsing refuses unknown keys, impossible combinations and unknown names
// with a RuleError naming the key.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kinesisd::faults {

struct RuleError : std::runtime_error {
  RuleError(std::string key_, const std::string& reason)
      : std::runtime_error(key_ + ": " + reason), key(std::move(key_)) {}
  std::string key;
};

enum class Effect { kError, kLatency, kDrop, kPartial, kHandler };
enum class HandlerError { kFunction, kTimeout, kThrottle };

struct Rule {
  // match
  std::string operation;  // "*" or an operation; empty for a handler fault
  std::optional<std::string> stream, shard;
  std::string function;  // a handler fault's function
  // trigger (none set: every matching call)
  std::optional<double> probability;
  std::optional<uint64_t> seed;
  std::optional<uint64_t> count, every;
  // effect
  Effect effect = Effect::kError;
  std::string error;  // kError, and kPartial's per-record error
  int status = 400;   // kError's HTTP status
  std::optional<std::string> message;
  int64_t latency_ms = 0;  // kLatency
  double partial = 0;      // kPartial
  HandlerError handler_error = HandlerError::kFunction;
};

// What the rules may name, from the service's model.
struct Vocabulary {
  std::function<bool(std::string_view)> is_operation;
  // The HTTP status of an error type, or nullopt when the type is unknown.
  std::function<std::optional<int>(std::string_view)> error_status;
};

// Throws RuleError.
Rule parse_rule(const nlohmann::json& doc, const Vocabulary& vocabulary);

}  // namespace kinesisd::faults
