// Settles one batch the way Lambda does for stream sources: invoke; on a
// function error retry with exponential backoff, or bisect the batch (halves
// are settled one after the other, and splitting does not use up retries); a
// throttled invocation is retried with backoff without using a retry or
// bisecting (MaximumRetryAttempts "doesn't affect service errors or throttles
// where the batch didn't reach the function", Lambda's Kinesis ESM guide);
// with ReportBatchItemFailures resume from the lowest failed record; a batch
// that runs out of retries (MaximumRetryAttempts) or whose records grow older
// than MaximumRecordAgeInSeconds goes to the on-failure destination.
//
// Everything with a side effect comes in through RunnerHooks, so the rules are
// unit-tested with a fake handler and a fake clock.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "lambda/handler/handler.hpp"
#include "lambda/poller/lambda_event.hpp"
#include "lambda/poller/polled_record.hpp"

namespace kinesisd::poller {

struct RetryPolicy {
  bool bisect = false;
  int max_retry_attempts = -1;  // -1: until the records expire
  int max_record_age_s = -1;    // -1: no limit
  bool report_item_failures = false;
  int64_t backoff_initial_ms = 100;
  int64_t backoff_max_ms = 5000;
};

struct RunnerHooks {
  std::function<handler::Invocation(std::span<const PolledRecord>)> invoke;
  // Hands an exhausted batch to the on-failure destination; false when the
  // destination could not take it (tried again after a pause).
  std::function<bool(std::span<const PolledRecord>, const FailureInfo&)> dead_letter;
  std::function<int64_t()> now_ms;
  // Waits; false when the consumer must stop (shutdown, disabled, deleted).
  std::function<bool(int64_t ms)> sleep;
  // True once the consumer must stop: no further invocation is started (a
  // batch cancelled at shutdown is not bisected into a storm of calls).
  std::function<bool()> stopping;
};

struct RunStats {
  uint64_t invocations = 0;
  uint64_t function_errors = 0;
  uint64_t throttles = 0;
  uint64_t records_ok = 0;
  uint64_t records_dead_lettered = 0;
  std::string last_error;  // "" after a success
};

// True when every record of the batch is settled (processed or
// dead-lettered); false when stopped first.
bool settle_batch(std::span<const PolledRecord> batch, const RetryPolicy& policy,
                  const RunnerHooks& hooks, RunStats& stats);

}  // namespace kinesisd::poller
