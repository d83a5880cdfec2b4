#include "faults/fault_rule.hpp"

#include <algorithm>
#include <array>

namespace kinesisd::faults {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 14> kKeys = {
    "operation", "stream", "shard",   "function",   "probability", "seed",    "count",
    "every",     "error",  "message", "latency_ms", "drop",        "partial", "handler_error"};

std::string string_at(const json& doc, const char* key) {
  if (!doc[key].is_string() || doc[key].get_ref<const std::string&>().empty())
    throw RuleError(key, "must be a non-empty string");
  return doc[key].get<std::string>();
}

// A JSON integer >= 0 (nlohmann keeps parsed ones unsigned, built ones signed).
bool natural(const json& v) { return v.is_number_integer() && v.get<int64_t>() >= 0; }

uint64_t positive_at(const json& doc, const char* key) {
  if (!natural(doc[key]) || doc[key].get<uint64_t>() == 0)
    throw RuleError(key, "must be a positive integer");
  return doc[key].get<uint64_t>();
}

// A share in (0, 1].
double share_at(const json& doc, const char* key) {
  if (!doc[key].is_number() || doc[key].get<double>() <= 0 || doc[key].get<double>() > 1)
    throw RuleError(key, "must be a number greater than 0 and at most 1");
  return doc[key].get<double>();
}

}  // namespace

Rule parse_rule(const json& doc, const Vocabulary& vocabulary) {
  if (!doc.is_object()) throw RuleError("rule", "must be a JSON object");
  for (const auto& [key, _] : doc.items())
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
      throw RuleError(key, "unknown key");
  Rule r;

  const bool handler = doc.contains("function");
  if (handler) {
    r.function = string_at(doc, "function");
    for (const char* k : {"operation", "stream", "shard"})
      if (doc.contains(k)) throw RuleError(k, "a rule names a function or an operation, not both");
  } else {
    if (!doc.contains("operation"))
      throw RuleError("operation", "is required (an operation, \"*\", or a \"function\" instead)");
    r.operation = string_at(doc, "operation");
    if (r.operation != "*" && !vocabulary.is_operation(r.operation))
      throw RuleError("operation", "'" + r.operation + "' is not a Kinesis operation");
    if (doc.contains("stream")) r.stream = string_at(doc, "stream");
    if (doc.contains("shard")) r.shard = string_at(doc, "shard");
  }

  int triggers = 0;
  if (doc.contains("probability")) {
    ++triggers;
    r.probability = share_at(doc, "probability");
  }
  if (doc.contains("count")) {
    ++triggers;
    r.count = positive_at(doc, "count");
  }
  if (doc.contains("every")) {
    ++triggers;
    r.every = positive_at(doc, "every");
  }
  if (triggers > 1) throw RuleError("count", "probability, count and every exclude each other");
  if (doc.contains("seed")) {
    if (!natural(doc["seed"])) throw RuleError("seed", "must be a non-negative integer");
    r.seed = doc["seed"].get<uint64_t>();
  }

  // Exactly one effect; partial may name its per-record error.
  std::vector<std::string> effects;
  for (const char* k : {"error", "latency_ms", "drop", "partial", "handler_error"})
    if (doc.contains(k)) effects.emplace_back(k);
  const bool partial_with_error =
      effects.size() == 2 && doc.contains("partial") && doc.contains("error");
  if (effects.empty())
    throw RuleError("error",
                    "a rule needs one effect: error, latency_ms, drop, partial or handler_error");
  if (effects.size() > 1 && !partial_with_error)
    throw RuleError(effects[1], "a rule has one effect (" + effects[0] + " is already one)");

  if (handler != doc.contains("handler_error"))
    throw RuleError(handler ? effects[0] : "handler_error",
                    handler ? "a function's rule takes handler_error as its effect"
                            : "handler_error goes with function");
  if (handler) {
    const auto kind =
        doc["handler_error"].is_string() ? doc["handler_error"].get<std::string>() : "";
    if (kind == "function")
      r.handler_error = HandlerError::kFunction;
    else if (kind == "timeout")
      r.handler_error = HandlerError::kTimeout;
    else if (kind == "throttle")
      r.handler_error = HandlerError::kThrottle;
    else
      throw RuleError("handler_error", "must be function, timeout or throttle");
    r.effect = Effect::kHandler;
  } else if (doc.contains("partial")) {
    if (r.operation != "PutRecords")
      throw RuleError("partial", "fails records of PutRecords calls only (operation PutRecords)");
    r.effect = Effect::kPartial;
    r.partial = share_at(doc, "partial");
    r.error = "ProvisionedThroughputExceededException";
    if (doc.contains("error")) {
      r.error = string_at(doc, "error");
      // The only per-record errors of PutRecords (API reference,
      // PutRecordsResultEntry ErrorCode).
      if (r.error != "ProvisionedThroughputExceededException" && r.error != "InternalFailure")
        throw RuleError("error",
                        "a PutRecords record fails with ProvisionedThroughputExceededException or "
                        "InternalFailure");
    }
  } else if (doc.contains("error")) {
    r.effect = Effect::kError;
    r.error = string_at(doc, "error");
    const auto status = vocabulary.error_status(r.error);
    if (!status) throw RuleError("error", "'" + r.error + "' is not an error type of the service");
    r.status = *status;
  } else if (doc.contains("latency_ms")) {
    r.effect = Effect::kLatency;
    if (!natural(doc["latency_ms"]) || doc["latency_ms"].get<uint64_t>() > 600000)
      throw RuleError("latency_ms", "must be an integer from 0 to 600000");
    r.latency_ms = doc["latency_ms"].get<int64_t>();
  } else {
    if (doc["drop"] != true) throw RuleError("drop", "must be true");
    r.effect = Effect::kDrop;
  }
  if (doc.contains("message")) {
    if (r.effect != Effect::kError && r.effect != Effect::kPartial)
      throw RuleError("message", "goes with error or partial");
    if (!doc["message"].is_string()) throw RuleError("message", "must be a string");
    r.message = doc["message"].get<std::string>();
  }
  return r;
}

}  // namespace kinesisd::faults
