// Latency samples and their percentiles (nearest rank), in microseconds.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace kinesisd::bench {

class Latency {
 public:
  void reserve(size_t n) { samples_.reserve(n); }
  void add(double us) { samples_.push_back(us); }
  void merge(const Latency& other) {
    samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
  }
  size_t count() const { return samples_.size(); }
  // p in [0, 1]; sorts lazily.
  double percentile(double p) {
    if (samples_.empty()) return 0;
    std::sort(samples_.begin(), samples_.end());
    const auto rank = static_cast<size_t>(p * static_cast<double>(samples_.size() - 1) + 0.5);
    return samples_[std::min(rank, samples_.size() - 1)];
  }

 private:
  std::vector<double> samples_;
};

}  // namespace kinesisd::bench
