#include "faults/fault_engine.hpp"

namespace kinesisd::faults {

FaultEngine::FaultEngine(Vocabulary vocabulary) : vocabulary_(std::move(vocabulary)) {}

std::vector<uint64_t> FaultEngine::add(const nlohmann::json& body) {
  std::vector<Rule> parsed;
  if (body.is_array()) {
    for (size_t i = 0; i < body.size(); ++i) {
      try {
        parsed.push_back(parse_rule(body[i], vocabulary_));
      } catch (const RuleError& e) {
        const std::string reason = std::string(e.what()).substr(e.key.size() + 2);
        throw RuleError("[" + std::to_string(i) + "]." + e.key, reason);
      }
    }
  } else {
    parsed.push_back(parse_rule(body, vocabulary_));
  }
  base::MutexLock lock(mu_);
  std::vector<uint64_t> ids;
  for (size_t i = 0; i < parsed.size(); ++i) {
    const auto& doc = body.is_array() ? body[i] : body;
    std::mt19937_64 rng(parsed[i].seed ? *parsed[i].seed : std::random_device{}());
    ids.push_back(next_id_);
    rules_.push_back(Entry{next_id_++, std::move(parsed[i]), doc, rng});
  }
  active_.store(!rules_.empty(), std::memory_order_relaxed);
  return ids;
}

nlohmann::json FaultEngine::list() const {
  base::MutexLock lock(mu_);
  auto out = nlohmann::json::array();
  for (const auto& e : rules_) {
    auto r = e.doc;
    r["id"] = e.id;
    r["matched"] = e.matched;
    r["fired"] = e.fired;
    if (e.rule.count) r["remaining"] = *e.rule.count - std::min(*e.rule.count, e.fired);
    out.push_back(std::move(r));
  }
  return out;
}

bool FaultEngine::remove(uint64_t id) {
  base::MutexLock lock(mu_);
  const auto n = std::erase_if(rules_, [&](const Entry& e) { return e.id == id; });
  active_.store(!rules_.empty(), std::memory_order_relaxed);
  return n > 0;
}

void FaultEngine::clear() {
  base::MutexLock lock(mu_);
  rules_.clear();
  active_.store(false, std::memory_order_relaxed);
}

bool FaultEngine::triggers(Entry& e) {
  ++e.matched;
  const Rule& r = e.rule;
  if (r.count) return e.fired < *r.count;
  if (r.every) return e.matched % *r.every == 0;
  if (r.probability) return std::uniform_real_distribution<double>(0, 1)(e.rng) < *r.probability;
  return true;
}

Fired FaultEngine::fired(Entry& e) {
  ++e.fired;
  const Rule& r = e.rule;
  return Fired{e.id, r.effect, r.error, r.status, r.message, r.partial, r.handler_error, e.rng()};
}

Decision FaultEngine::on_call(const Call& call) {
  Decision d;
  base::MutexLock lock(mu_);
  for (auto& e : rules_) {
    const Rule& r = e.rule;
    if (!r.function.empty()) continue;
    if (r.operation != "*" && r.operation != call.operation) continue;
    if (r.stream && *r.stream != call.stream) continue;
    if (r.shard && *r.shard != call.shard) continue;
    if (!triggers(e)) continue;
    ++injected_[{e.id, std::string(call.operation)}];
    if (r.effect == Effect::kLatency) {
      ++e.fired;
      d.latency_ms += r.latency_ms;
      continue;
    }
    d.fault = fired(e);
    break;
  }
  return d;
}

std::optional<Fired> FaultEngine::on_invoke(std::string_view function) {
  base::MutexLock lock(mu_);
  for (auto& e : rules_) {
    if (e.rule.function != function || !triggers(e)) continue;
    ++injected_[{e.id, std::string(function)}];
    return fired(e);
  }
  return std::nullopt;
}

std::vector<std::pair<std::pair<uint64_t, std::string>, uint64_t>> FaultEngine::injected() const {
  base::MutexLock lock(mu_);
  return {injected_.begin(), injected_.end()};
}

}  // namespace kinesisd::faults
