#include "kinesis/log/shard_throughput.hpp"

namespace kinesisd::log {

ShardThroughput::ShardThroughput(const ShardLimits& limits)
    : write_records_(limits.write_records_per_s, limits.write_records_per_s),
      write_bytes_(limits.write_bytes_per_s, limits.write_bytes_per_s),
      read_calls_(limits.read_calls_per_s, limits.read_calls_per_s),
      read_bytes_(limits.read_bytes_per_s, 0),
      iterators_(limits.iterator_calls_per_s, limits.iterator_calls_per_s),
      read_slack_(limits.read_bytes_per_s / limits.read_calls_per_s) {}

bool ShardThroughput::admit_write(int64_t now_ms, uint64_t bytes) {
  base::MutexLock lock(mu_);
  if (write_records_.tokens(now_ms) < 1) return false;
  if (!write_bytes_.take_burst(now_ms, static_cast<double>(bytes))) return false;
  write_records_.take(now_ms, 1);
  return true;
}

bool ShardThroughput::admit_read(int64_t now_ms) {
  base::MutexLock lock(mu_);
  // A debt of up to one call's share of a second (2 MiB / 5) does not hold
  // the next call back: five calls of 400 KiB in a burst are AWS's own rate.
  if (read_bytes_.tokens(now_ms) < -read_slack_) return false;
  return read_calls_.take(now_ms, 1);
}

void ShardThroughput::charge_read(int64_t now_ms, uint64_t bytes) {
  base::MutexLock lock(mu_);
  read_bytes_.charge(now_ms, static_cast<double>(bytes));
}

}  // namespace kinesisd::log

namespace kinesisd::log {

bool ShardThroughput::admit_iterator(int64_t now_ms) {
  base::MutexLock lock(mu_);
  return iterators_.take(now_ms, 1);
}

bool ShardThroughput::admit_subscribe(int64_t now_ms, std::string_view consumer) {
  base::MutexLock lock(mu_);
  auto it = subscribes_.find(consumer);
  if (it == subscribes_.end())
    it = subscribes_.emplace(std::string(consumer), TokenBucket(1, 1)).first;
  return it->second.take(now_ms, 1);
}

}  // namespace kinesisd::log
