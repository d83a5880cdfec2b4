// A shard's throughput limits, as the Kinesis documentation states them
// (API reference: PutRecord, PutRecords, GetRecords; developer guide:
// "Quotas and limits", "Handle large records"), enforced only on streams
// whose limits are on (--limits aws, or the config file per stream):
//
//   writes  1000 records/s and 1 MiB/s of data + partition key. A record
//           larger than 1 MiB (MaxRecordSizeInKiB up to 10 MiB) goes through
//           when the shard's write capacity is full and drains it into debt,
//           which refills at 1 MiB/s ("a tank refilled at a steady rate").
//   reads   5 GetRecords calls/s, and 2 MiB/s: what a call returns is charged
//           after it, so one 10 MiB answer throttles the calls of the next
//           5 s, as the GetRecords reference says (less one call's share,
//           400 KiB, which a burst of five calls may owe).
//   iterators  5 GetShardIterator calls/s ("Quotas and limits").
//   subscriptions  1 SubscribeToShard call/s per consumer.
//
// Token buckets holding one second of each rate, refilled continuously, on
// the caller's clock (the test clock moves them).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/mutex.hpp"
#include "kinesis/log/token_bucket.hpp"

namespace kinesisd::log {

struct ShardLimits {
  double write_records_per_s = 1000;
  double write_bytes_per_s = 1024.0 * 1024;
  double read_calls_per_s = 5;
  double read_bytes_per_s = 2.0 * 1024 * 1024;
  double iterator_calls_per_s = 5;
};

class ShardThroughput {
 public:
  explicit ShardThroughput(const ShardLimits& limits = {});

  // Whether one record of `bytes` (data + partition key) may be written now;
  // if so it is counted.
  bool admit_write(int64_t now_ms, uint64_t bytes);
  // Whether a GetRecords call may read now; if so it is counted.
  bool admit_read(int64_t now_ms);
  // The bytes that call returned.
  void charge_read(int64_t now_ms, uint64_t bytes);
  // Whether a GetShardIterator call may go ahead; if so it is counted.
  bool admit_iterator(int64_t now_ms);
  // Whether `consumer` may call SubscribeToShard on the shard now (1/s).
  bool admit_subscribe(int64_t now_ms, std::string_view consumer);

 private:
  base::Mutex mu_;
  TokenBucket write_records_ GUARDED_BY(mu_);
  TokenBucket write_bytes_ GUARDED_BY(mu_);
  TokenBucket read_calls_ GUARDED_BY(mu_);
  TokenBucket read_bytes_ GUARDED_BY(mu_);  // holds nothing, runs into debt
  TokenBucket iterators_ GUARDED_BY(mu_);
  double read_slack_;
  std::map<std::string, TokenBucket, std::less<>> subscribes_ GUARDED_BY(mu_);  // by consumer
};

}  // namespace kinesisd::log
