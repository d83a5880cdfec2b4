// Polls one shard for one event source mapping, on its own thread, the way
// Lambda's shard poller does: wait for records (a ShardTail, woken by the
// shard's appends, never a sleep loop), fill a batch up to BatchSize or the
// batching window, drop records the filters reject, split by partition key
// into ParallelizationFactor lanes (records of one key stay in one lane, in
// order), settle every batch (batch_runner), then move the checkpoint past
// what was read. A closed shard read to its end is reported to the mapping,
// which lets its children start.
//
// At-least-once: the checkpoint moves only after every record read is
// settled; a poller stopped mid-batch resumes from the old checkpoint.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.hpp"
#include "kinesis/log/shard_tail.hpp"
#include "kinesis/log/stream.hpp"
#include "lambda/poller/batch_runner.hpp"
#include "lambda/poller/mapping_config.hpp"
#include "lambda/poller/tumbling_window.hpp"

namespace kinesisd::poller {

class EventSourceMapping;

struct ShardStatus {
  std::string shard_id;
  uint64_t checkpoint = 0;           // next position to read
  std::string last_sequence_number;  // last record settled ("" before any)
  uint64_t records_behind = 0;
  int64_t millis_behind = 0;
  uint64_t invocations = 0;
  uint64_t function_errors = 0;
  uint64_t records_processed = 0;
  uint64_t records_filtered = 0;
  uint64_t records_dead_lettered = 0;
  uint64_t destination_delivery_failures = 0;  // batches an SQS/SNS/S3 destination did not take
  // MetricsConfig EventCount, as Lambda counts them ("Event source mapping
  // metrics", the Lambda developer guide): records read, records handed to
  // the function (again on every retry), records of invocations that failed
  // (function errors and throttles), records dropped (retries or age
  // exhausted, without a destination that took them), and records a
  // destination took. Filtered-out records are records_filtered.
  uint64_t polled_events = 0;
  uint64_t invoked_events = 0;
  uint64_t failed_invoke_events = 0;
  uint64_t dropped_events = 0;
  uint64_t destination_delivered_events = 0;
  std::string last_error;
  bool finished = false;  // closed and drained
};

class ShardPoller {
 public:
  ShardPoller(EventSourceMapping& mapping, std::shared_ptr<log::Stream> stream,
              std::shared_ptr<log::Shard> shard, uint64_t start_position);
  ~ShardPoller();
  ShardPoller(const ShardPoller&) = delete;
  ShardPoller& operator=(const ShardPoller&) = delete;

  void start();
  void request_stop();  // returns at once; in-flight process/http invocations are abandoned
  void join();
  void wake();  // the mapping's configuration changed

  bool finished() const { return finished_.load(); }
  ShardStatus status() const;

 private:
  void run();
  // Waits until `ready()` or stop or `ms` elapsed; true unless stopping.
  template <class Ready>
  bool wait(int64_t ms, Ready ready);
  bool pause(int64_t ms);  // retry backoff; false when stopping or disabled
  bool dispatch(std::vector<PolledRecord>& records, const MappingConfig& config);
  bool run_lane(std::span<const PolledRecord> records, const MappingConfig& config);
  // TumblingWindowInSeconds: the window of this shard's records, made, remade
  // or dropped as the mapping's configuration says; false when stopping.
  bool fit_window(const MappingConfig& config);
  // The open window's final invocation, retried until it succeeds, then the
  // checkpoint past what was read; false when stopping first.
  bool close_window();
  // An EventSourceArn naming a consumer: holds the consumer's subscription to
  // this shard (SubscribeToShard's lease), taking it again after 5 minutes as
  // Lambda subscribes again, and after a takeover by another subscriber once
  // that one's 5 seconds are over. False while it cannot (it waited a moment).
  bool subscribe(const MappingConfig& config);
  // The handler's answer, or a handler fault's when a rule fires for it.
  handler::Invocation invoke(handler::Handler& handler, const std::string& event);

  EventSourceMapping& mapping_;
  const std::shared_ptr<log::Stream> stream_;
  const std::shared_ptr<log::Shard> shard_;
  BatchOrigin origin_;
  std::unique_ptr<TumblingWindow> window_;  // the poller thread's, with TumblingWindowInSeconds
  uint64_t lease_ = 0;                      // the poller thread's, reading through a consumer
  int64_t lease_started_ms_ = 0;

  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> finished_{false};
  std::atomic<bool> waiting_{false};
  base::Mutex wake_mu_;
  std::condition_variable wake_cv_;
  uint64_t wake_generation_ GUARDED_BY(wake_mu_) = 0;

  mutable base::Mutex status_mu_;
  ShardStatus status_ GUARDED_BY(status_mu_);
  // Its position is the poller thread's cursor; its listener wakes the
  // thread. Last, so it goes first: no append wakes a half-destroyed poller.
  log::ShardTail tail_;
};

}  // namespace kinesisd::poller
