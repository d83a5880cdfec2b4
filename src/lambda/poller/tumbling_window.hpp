// One shard's tumbling window (TumblingWindowInSeconds), as the Lambda
// developer guide's "Kinesis tumbling windows" describes it:
//
// - windows are epoch-aligned multiples of the window size; a record belongs
//   to the window of its approximate arrival time, and an invocation carries
//   records of one window only;
// - every invocation's event carries, after "Records",
//     "window":{"start":"2020-12-09T07:04:00Z","end":"2020-12-09T07:06:00Z"},
//     "state":{...},"shardId":..,"eventSourceARN":..,
//     "isFinalInvokeForWindow":false,"isWindowTerminatedEarly":false
//   and the function answers {"state": {...}[, "batchItemFailures": [...]]};
//   an answer without "state" is a failed invocation;
// - the state returned is handed to the window's next invocation; once the
//   window is over (the clock past its end, or a record of a later window, or
//   the shard read to its end), a final invocation ("isFinalInvokeForWindow":
//   true, no records) gets it, and after it succeeds the shard's checkpoint
//   moves past the window and the state is dropped; a failed final invocation
//   is retried until it succeeds, holding the shard back;
// - a state over 1 MB ends the window early: a final invocation with
//   "isWindowTerminatedEarly": true, then the same window goes on with an
//   empty state.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "lambda/poller/lambda_event.hpp"
#include "lambda/poller/polled_record.hpp"

namespace kinesisd::poller {

inline constexpr size_t kMaxWindowStateBytes = 1 << 20;  // "up to 1 MB per shard"

class TumblingWindow {
 public:
  explicit TumblingWindow(int seconds) : size_ms_(int64_t{seconds} * 1000) {}

  int seconds() const { return static_cast<int>(size_ms_ / 1000); }
  // The start of the window a record that arrived at `arrival_ms` belongs to.
  int64_t start_of(int64_t arrival_ms) const { return arrival_ms - arrival_ms % size_ms_; }

  bool open() const { return open_; }
  int64_t start_ms() const { return start_ms_; }
  int64_t end_ms() const { return start_ms_ + size_ms_; }
  const nlohmann::json& state() const { return state_; }
  // Whether the state outgrew kMaxWindowStateBytes: the next invocation is
  // the early final one.
  bool over_limit() const { return over_limit_; }

  void begin(int64_t start_ms);
  // Keeps the state an invocation answered. False for an answer without one
  // (not a JSON object with an object "state"), which fails the invocation.
  bool take_answer(std::string_view payload);
  // Whether an answer carries a state (what a final invocation must answer too).
  static bool answers_state(std::string_view payload);
  // After the final invocation: a window ended early goes on with an empty
  // state; one that is over closes.
  void finish();

  // The event of an invocation of this window.
  std::string event(const BatchOrigin& source, std::span<const PolledRecord> records,
                    bool final_invoke) const;

 private:
  const int64_t size_ms_;
  bool open_ = false;
  int64_t start_ms_ = 0;
  nlohmann::json state_ = nlohmann::json::object();
  bool over_limit_ = false;
};

}  // namespace kinesisd::poller
