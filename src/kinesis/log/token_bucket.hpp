// A token bucket: `rate` tokens a second, holding at most `capacity`. A
// request for n tokens is granted when n are there (take) or, for a burst,
// when the bucket is full (take_burst); a cost known only afterwards is
// charged whatever the balance (charge), and the debt is waited out. Time is
// the caller's milliseconds, so a test clock moves it too.
//
// Not thread-safe: its owner holds the lock (kinesis/log/shard_throughput.hpp).
#pragma once

#include <algorithm>
#include <cstdint>

namespace kinesisd::log {

class TokenBucket {
 public:
  // Starts full.
  TokenBucket(double rate_per_s, double capacity)
      : rate_(rate_per_s), capacity_(capacity), tokens_(capacity) {}

  // Whether n tokens are there; if so they are taken.
  bool take(int64_t now_ms, double n) {
    refill(now_ms);
    if (tokens_ < n) return false;
    tokens_ -= n;
    return true;
  }
  // Takes n tokens when the bucket is full, even more than it holds: a burst
  // that leaves a debt (AWS's large records drain a shard's write capacity
  // and it refills over time, streams/latest/dev/large-records.html).
  bool take_burst(int64_t now_ms, double n) {
    refill(now_ms);
    if (tokens_ < n && tokens_ < capacity_) return false;
    tokens_ -= n;
    return true;
  }
  // Takes n tokens whatever the balance.
  void charge(int64_t now_ms, double n) {
    refill(now_ms);
    tokens_ -= n;
  }
  // Milliseconds until n tokens are there (0 when they are).
  int64_t wait_ms(int64_t now_ms, double n) {
    refill(now_ms);
    if (tokens_ >= n) return 0;
    return static_cast<int64_t>((n - tokens_) * 1000.0 / rate_) + 1;
  }
  double tokens(int64_t now_ms) {
    refill(now_ms);
    return tokens_;
  }

 private:
  void refill(int64_t now_ms) {
    if (!started_) {
      started_ = true;
      last_ms_ = now_ms;
      return;
    }
    if (now_ms <= last_ms_) return;
    tokens_ =
        std::min(capacity_, tokens_ + rate_ * static_cast<double>(now_ms - last_ms_) / 1000.0);
    last_ms_ = now_ms;
  }

  double rate_;
  double capacity_;
  double tokens_;
  int64_t last_ms_ = 0;
  bool started_ = false;
};

}  // namespace kinesisd::log
