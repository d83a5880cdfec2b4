// The active fault-injection rules (fault_rule.hpp) and the decision for
// each call: the service asks on every Kinesis call when a rule exists, the
// poller on every handler invocation. Rules are tried in the order they were
// added; latency rules that fire add up, and the first rule with another
// effect that fires decides the call (later rules are not tried).
//
// A seeded rule draws from its own generator, so the same calls in the same
// order fail the same way on every run.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/mutex.hpp"
#include "faults/fault_rule.hpp"

namespace kinesisd::faults {

// One call as the rules see it: shard ids in AWS's canonical form.
struct Call {
  std::string_view operation;
  std::string_view stream;  // "" when the call names none
  std::string_view shard;   // "" when the call names none
};

// A rule that fired: its effect.
struct Fired {
  uint64_t rule = 0;
  Effect effect = Effect::kError;
  std::string error;
  int status = 400;
  std::optional<std::string> message;
  double partial = 0;
  HandlerError handler_error = HandlerError::kFunction;
  uint64_t draw = 0;  // from the rule's generator: picks a partial's records
};

struct Decision {
  int64_t latency_ms = 0;
  std::optional<Fired> fault;
};

class FaultEngine {
 public:
  explicit FaultEngine(Vocabulary vocabulary);

  // Adds one rule (an object) or several (a list, all or none). Returns their
  // ids. Throws RuleError (a list's key is prefixed with "[i].").
  std::vector<uint64_t> add(const nlohmann::json& body);
  // The rules with their ids and how often each matched and fired.
  nlohmann::json list() const;
  bool remove(uint64_t id);
  void clear();
  // Whether any rule exists: without one nothing is asked.
  bool active() const { return active_.load(std::memory_order_relaxed); }

  Decision on_call(const Call& call);
  // A handler fault for an invocation of `function`, if one fires.
  std::optional<Fired> on_invoke(std::string_view function);

  // Faults injected so far, by rule and operation (the function for a
  // handler fault), removed rules included: kinesisd_injected_faults_total.
  std::vector<std::pair<std::pair<uint64_t, std::string>, uint64_t>> injected() const;

 private:
  struct Entry {
    uint64_t id;
    Rule rule;
    nlohmann::json doc;
    std::mt19937_64 rng;
    uint64_t matched = 0;
    uint64_t fired = 0;
  };
  // Whether the entry's trigger fires for this matching call.
  static bool triggers(Entry& e);
  static Fired fired(Entry& e);

  Vocabulary vocabulary_;
  mutable base::Mutex mu_;
  std::vector<Entry> rules_ GUARDED_BY(mu_);
  uint64_t next_id_ GUARDED_BY(mu_) = 1;
  std::map<std::pair<uint64_t, std::string>, uint64_t> injected_ GUARDED_BY(mu_);
  std::atomic<bool> active_{false};
};

}  // namespace kinesisd::faults
