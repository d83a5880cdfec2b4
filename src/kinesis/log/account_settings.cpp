#include "kinesis/log/account_settings.hpp"

#include <algorithm>

namespace kinesisd::log {

const char* to_string(CommitmentStatus s) {
  switch (s) {
    case CommitmentStatus::kEnabled:
      return "ENABLED";
    case CommitmentStatus::kDisabled:
      return "DISABLED";
    case CommitmentStatus::kEnabledUntilEarliestAllowedEnd:
      return "ENABLED_UNTIL_EARLIEST_ALLOWED_END";
  }
  return "DISABLED";
}

BillingCommitment AccountSettings::view(const std::optional<Record>& record, int64_t now_ms) {
  BillingCommitment c;
  if (!record) return c;
  c.started_ms = record->started_ms;
  c.earliest_allowed_end_ms = record->started_ms + kCommitmentWindowMs;
  c.ended_ms = record->ended_ms;
  if (!record->ended_ms)
    c.status = CommitmentStatus::kEnabled;
  else if (now_ms < *record->ended_ms)
    c.status = CommitmentStatus::kEnabledUntilEarliestAllowedEnd;
  else
    c.status = CommitmentStatus::kDisabled;
  return c;
}

BillingCommitment AccountSettings::commitment(const std::string& region, int64_t now_ms) const {
  base::MutexLock lock(mu_);
  auto it = by_region_.find(region);
  return view(it == by_region_.end() ? std::nullopt : std::optional(it->second), now_ms);
}

BillingCommitment AccountSettings::set_commitment(const std::string& region, bool enabled,
                                                  int64_t now_ms) {
  base::MutexLock lock(mu_);
  auto it = by_region_.find(region);
  std::optional<Record> record;
  if (it != by_region_.end()) record = it->second;
  const auto current = view(record, now_ms).status;

  if (enabled) {
    if (current == CommitmentStatus::kDisabled)
      record = Record{now_ms, std::nullopt};  // a new commitment window
    else
      record->ended_ms.reset();  // still inside the window: simply stays on
  } else if (current == CommitmentStatus::kEnabled) {
    record->ended_ms = std::max(now_ms, record->started_ms + kCommitmentWindowMs);
  }
  if (record) {
    if (recorder_) recorder_(region, *record);
    by_region_[region] = *record;
  }
  return view(record, now_ms);
}

void AccountSettings::set_recorder(Recorder recorder) {
  base::MutexLock lock(mu_);
  recorder_ = std::move(recorder);
}

void AccountSettings::restore(const std::string& region, const Record& record) {
  base::MutexLock lock(mu_);
  by_region_[region] = record;
}

void AccountSettings::clear() {
  base::MutexLock lock(mu_);
  by_region_.clear();
}

}  // namespace kinesisd::log
