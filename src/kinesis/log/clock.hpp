// The time source of the log. Everything that ages (stream states, retention,
// iterator expiry) reads time through a Clock so tests can move it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace kinesisd::log {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

// The system clock shifted by an adjustable offset (--test-clock).
class OffsetClock final : public Clock {
 public:
  int64_t now_ms() const override { return base_.now_ms() + offset_ms_.load(); }
  void advance(int64_t ms) { offset_ms_ += ms; }
  void reset() { offset_ms_ = 0; }  // /_kinesisd/reset

 private:
  SystemClock base_;
  std::atomic<int64_t> offset_ms_{0};
};

}  // namespace kinesisd::log
