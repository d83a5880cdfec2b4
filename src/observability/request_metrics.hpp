// Per-operation request counters and latency histograms for /metrics.
// Slots are fixed at construction (every Kinesis operation of the model, the
// Lambda event source mapping operations, "unknown"), so recording is a few
// relaxed atomic adds and hostile input cannot create new label values.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kinesisd::observability {

class RequestMetrics {
 public:
  // Upper bounds of the latency buckets, in seconds (Prometheus "le").
  static constexpr std::array<double, 10> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                      0.005,  0.01,    0.025,  0.1,   1.0};
  RequestMetrics() = default;

  void record(std::string_view operation, int status, std::chrono::nanoseconds elapsed);
  // Appends the Prometheus text of kinesisd_requests_total,
  // kinesisd_request_errors_total and kinesisd_request_duration_seconds.
  void render(std::string& out) const;

 private:
  struct Slot {
    std::string name;
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> errors{0};
    std::atomic<uint64_t> nanos{0};
    std::array<std::atomic<uint64_t>, kBuckets.size()> buckets{};
  };
  // Made once, at the first record() or render(); unchanged after.
  void make_slots() const;
  mutable std::once_flag made_;
  mutable std::vector<std::unique_ptr<Slot>> slots_;
  mutable std::unordered_map<std::string_view, Slot*> by_name_;
  mutable Slot* unknown_ = nullptr;
};

}  // namespace kinesisd::observability
