#include "lambda/poller/tumbling_window.hpp"

#include <ctime>

namespace kinesisd::poller {
namespace {

std::string iso8601_s(int64_t epoch_ms) {  // 2020-12-09T07:04:00Z
  const std::time_t s = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  return std::string(buf, std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm));
}

}  // namespace

void TumblingWindow::begin(int64_t start_ms) {
  open_ = true;
  start_ms_ = start_ms;
  state_ = nlohmann::json::object();
  over_limit_ = false;
}

bool TumblingWindow::answers_state(std::string_view payload) {
  const auto answer = nlohmann::json::parse(payload, nullptr, false);
  return answer.is_object() && answer.contains("state") && answer["state"].is_object();
}

bool TumblingWindow::take_answer(std::string_view payload) {
  if (!answers_state(payload)) return false;
  state_ = nlohmann::json::parse(payload)["state"];
  over_limit_ = state_.dump().size() > kMaxWindowStateBytes;
  return true;
}

void TumblingWindow::finish() {
  if (over_limit_) {  // ended early: the same window, a fresh state
    state_ = nlohmann::json::object();
    over_limit_ = false;
    return;
  }
  open_ = false;
  state_ = nlohmann::json::object();
}

std::string TumblingWindow::event(const BatchOrigin& source, std::span<const PolledRecord> records,
                                  bool final_invoke) const {
  std::string out = build_event(source, records);
  out.pop_back();  // the closing brace of {"Records":[...]}
  nlohmann::ordered_json extra = {{"start", iso8601_s(start_ms_)}, {"end", iso8601_s(end_ms())}};
  out += ",\"window\":" + extra.dump();
  out += ",\"state\":" + state_.dump();
  out += ",\"shardId\":" + nlohmann::json(source.shard_id).dump();
  out += ",\"eventSourceARN\":" + nlohmann::json(source.stream_arn).dump();
  out += std::string(",\"isFinalInvokeForWindow\":") + (final_invoke ? "true" : "false");
  out += std::string(",\"isWindowTerminatedEarly\":") +
         (final_invoke && over_limit_ ? "true" : "false");
  out += '}';
  return out;
}

}  // namespace kinesisd::poller
