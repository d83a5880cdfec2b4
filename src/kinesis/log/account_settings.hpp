// Account-level settings of one region: the minimum throughput billing
// commitment ("On-demand Advantage") that UpdateAccountSettings turns on and
// off, and that warm throughput on ON_DEMAND streams requires.
//
// The commitment has a 24-hour minimum window. Disabling it inside the window
// leaves it ENABLED_UNTIL_EARLIEST_ALLOWED_END; it reads DISABLED once the
// window is over. States are computed from timestamps, like stream states.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "base/mutex.hpp"

namespace kinesisd::log {

inline constexpr int64_t kCommitmentWindowMs = 24 * 3'600'000;

enum class CommitmentStatus { kEnabled, kDisabled, kEnabledUntilEarliestAllowedEnd };
const char* to_string(CommitmentStatus s);

struct BillingCommitment {
  CommitmentStatus status = CommitmentStatus::kDisabled;
  std::optional<int64_t> started_ms;
  std::optional<int64_t> ended_ms;
  std::optional<int64_t> earliest_allowed_end_ms;
};

class AccountSettings {
 public:
  // What is kept of a region's commitment (and what a data directory records).
  struct Record {
    int64_t started_ms = 0;
    std::optional<int64_t> ended_ms;  // when set, the commitment ends (or ended) then
  };

  BillingCommitment commitment(const std::string& region, int64_t now_ms) const;
  BillingCommitment set_commitment(const std::string& region, bool enabled, int64_t now_ms);

  // Durable stores: `record` is called with every change before it takes
  // effect (it may throw, and then nothing changes); restore() puts back what
  // was recorded.
  using Recorder = std::function<void(const std::string& region, const Record& record)>;
  void set_recorder(Recorder recorder);
  void restore(const std::string& region, const Record& record);
  // Every region back to never enabled (/_kinesisd/reset); not recorded.
  void clear();

 private:
  static BillingCommitment view(const std::optional<Record>& record, int64_t now_ms);

  mutable base::Mutex mu_;
  std::map<std::string, Record> by_region_ GUARDED_BY(mu_);  // absent = never enabled
  Recorder recorder_ GUARDED_BY(mu_);
};

}  // namespace kinesisd::log
