#include "lambda/poller/batch_runner.hpp"

#include <algorithm>

#include "lambda/poller/batch_response.hpp"

namespace kinesisd::poller {
namespace {

bool dead_letter(std::span<const PolledRecord> records, const FailureInfo& info,
                 const RetryPolicy& policy, const RunnerHooks& hooks, RunStats& stats) {
  for (int64_t pause = policy.backoff_initial_ms; !hooks.dead_letter(records, info);
       pause = std::min(pause * 2, policy.backoff_max_ms)) {
    if (!hooks.sleep(pause)) return false;
  }
  stats.records_dead_lettered += records.size();
  return true;
}

}  // namespace

bool settle_batch(std::span<const PolledRecord> batch, const RetryPolicy& policy,
                  const RunnerHooks& hooks, RunStats& stats) {
  int retries = 0;
  int invocations = 0;
  int64_t pause = policy.backoff_initial_ms;
  while (!batch.empty()) {
    if (policy.max_record_age_s >= 0) {
      const int64_t cutoff = hooks.now_ms() - int64_t{policy.max_record_age_s} * 1000;
      const auto expired =
          std::find_if(batch.begin(), batch.end(),
                       [cutoff](const auto& r) { return r.arrival_ms >= cutoff; }) -
          batch.begin();
      if (expired > 0) {
        const FailureInfo info{"RecordAgeExceeded", invocations, "Unhandled"};
        if (!dead_letter(batch.first(static_cast<size_t>(expired)), info, policy, hooks, stats))
          return false;
        batch = batch.subspan(static_cast<size_t>(expired));
        continue;
      }
    }

    if (hooks.stopping && hooks.stopping()) return false;
    ++invocations;
    ++stats.invocations;
    const handler::Invocation result = hooks.invoke(batch);
    bool resume = false;  // a partial response with bisect: go on without using a retry
    if (result.succeeded()) {
      const BatchVerdict verdict =
          read_batch_response(result.payload, policy.report_item_failures, batch);
      if (verdict.kind == BatchVerdict::Kind::kSuccess) {
        stats.records_ok += batch.size();
        stats.last_error.clear();
        return true;
      }
      stats.last_error = verdict.kind == BatchVerdict::Kind::kPartial
                             ? "the function reported failed items"
                             : "the function returned an invalid batchItemFailures list";
      if (verdict.kind == BatchVerdict::Kind::kPartial && verdict.first_failed > 0) {
        stats.records_ok += verdict.first_failed;
        batch = batch.subspan(verdict.first_failed);
        resume = policy.bisect;
      }
    } else if (result.status == handler::Invocation::Status::kThrottled) {
      ++stats.throttles;
      stats.last_error = result.error;
      if (!hooks.sleep(pause)) return false;
      pause = std::min(pause * 2, policy.backoff_max_ms);
      continue;
    } else {
      ++stats.function_errors;
      stats.last_error = result.error;
    }
    // Nothing of the batch went through: with bisect, settle each half on its own.
    if (!resume && policy.bisect && batch.size() > 1) {
      const size_t half = batch.size() / 2;
      return settle_batch(batch.first(half), policy, hooks, stats) &&
             settle_batch(batch.subspan(half), policy, hooks, stats);
    }
    if (resume) continue;
    ++retries;
    if (policy.max_retry_attempts >= 0 && retries > policy.max_retry_attempts) {
      const FailureInfo info{"RetryAttemptsExhausted", invocations, "Unhandled"};
      return dead_letter(batch, info, policy, hooks, stats);
    }
    if (!hooks.sleep(pause)) return false;
    pause = std::min(pause * 2, policy.backoff_max_ms);
  }
  return true;
}

}  // namespace kinesisd::poller
