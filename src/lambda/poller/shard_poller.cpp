#include "lambda/poller/shard_poller.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <functional>

#include "lambda/poller/event_source_mapping.hpp"

namespace kinesisd::poller {
namespace {

constexpr size_t kMaxEventBytes = 6 * 1000 * 1000;  // Lambda's 6 MB invocation payload
// With TumblingWindowInSeconds, "if the response doesn't contain a state
// property, Lambda considers this a failed invocation" (the developer guide).
constexpr const char* kNoState =
    "the function's response has no \"state\" object: with TumblingWindowInSeconds Lambda "
    "counts that as a failed invocation";

}  // namespace

ShardPoller::ShardPoller(EventSourceMapping& mapping, std::shared_ptr<log::Stream> stream,
                         std::shared_ptr<log::Shard> shard, uint64_t start_position)
    : mapping_(mapping),
      stream_(stream),
      shard_(shard),
      tail_(std::move(stream), std::move(shard), start_position, [this] {
        // waiting_ is read after the tail stored the tip; wait() publishes
        // waiting_ before it reads the tip. Either it sees us waiting and
        // notifies under the lock, or we see its tip.
        if (waiting_.load()) {
          base::MutexLock lock(wake_mu_);
          wake_cv_.notify_all();
        }
      }) {
  origin_.shard_id = shard_->id();
  origin_.stream_arn = stream_->arn();
  origin_.region = stream_->region();
  status_.shard_id = shard_->id();
  status_.checkpoint = start_position;
}

ShardPoller::~ShardPoller() {
  request_stop();
  join();
}

void ShardPoller::start() {
  thread_ = std::thread([this] { run(); });
}

void ShardPoller::request_stop() {
  stop_.store(true);
  wake();
}

void ShardPoller::join() {
  if (thread_.joinable()) thread_.join();
}

void ShardPoller::wake() {
  base::MutexLock lock(wake_mu_);
  ++wake_generation_;
  wake_cv_.notify_all();
}

ShardStatus ShardPoller::status() const {
  base::MutexLock lock(status_mu_);
  ShardStatus s = status_;
  const uint64_t tip = tail_.tip();
  s.records_behind = tip > s.checkpoint ? tip - s.checkpoint : 0;
  s.finished = finished_.load();
  return s;
}

template <class Ready>
bool ShardPoller::wait(int64_t ms, Ready ready) {
  base::UniqueLock lock(wake_mu_);
  const uint64_t generation = wake_generation_;
  waiting_.store(true);
  wake_cv_.wait_for(lock.native(), std::chrono::milliseconds(ms), [&]() REQUIRES(wake_mu_) {
    return stop_.load() || wake_generation_ != generation || ready();
  });
  waiting_.store(false);
  return !stop_.load();
}

bool ShardPoller::pause(int64_t ms) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  for (;;) {
    if (stop_.load() || !mapping_.config()->enabled) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return true;
    base::UniqueLock lock(wake_mu_);
    const uint64_t generation = wake_generation_;
    wake_cv_.wait_for(lock.native(), left, [&]() REQUIRES(wake_mu_) {
      return stop_.load() || wake_generation_ != generation;
    });
  }
}

void ShardPoller::run() {
  auto& clock = mapping_.store().clock();
  while (!stop_.load()) {
    const auto config = mapping_.config();
    if (!config->enabled) {
      wait(1000, [] { return false; });
      continue;
    }
    if (!config->consumer_name.empty() && !subscribe(*config)) continue;
    if (!fit_window(*config)) break;
    const bool windowed = window_ != nullptr;
    if (tail_.behind() == 0) {
      if (tail_.drained()) {
        // A shard that ends closes its window; its children start their own.
        if (windowed && window_->open() && !close_window()) break;
        finished_.store(true);
        spdlog::info("mapping {}: {} is closed and drained", mapping_.uuid(), shard_->id());
        mapping_.checkpoint(*stream_, shard_->id(), tail_.position(), true);
        mapping_.shard_done(shard_->id());
        break;
      }
      if (windowed && window_->open() && clock.now_ms() >= window_->end_ms()) {
        if (!close_window()) break;
        continue;
      }
      // Woken by an append or by the shard closing (both move the tail), or
      // when the open window is over.
      const int64_t ms = windowed && window_->open()
                             ? std::clamp<int64_t>(window_->end_ms() - clock.now_ms(), 1, 1000)
                             : 1000;
      wait(ms, [&] { return tail_.behind() > 0 || shard_->closed(); });
      continue;
    }
    // With a window, one lane: the window and its state are the shard's.
    const uint64_t wanted = static_cast<uint64_t>(config->batch_size) *
                            static_cast<uint64_t>(windowed ? 1 : config->parallelization_factor);
    if (config->maximum_batching_window_s > 0 && tail_.behind() < wanted && !shard_->closed()) {
      if (!wait(config->maximum_batching_window_s * 1000, [&] { return tail_.behind() >= wanted; }))
        break;
    }

    std::vector<PolledRecord> records;
    int64_t window_start = 0;  // of the records read, with a window: all of one window
    const auto read = tail_.read(
        clock.now_ms(), wanted,
        kMaxEventBytes * static_cast<uint64_t>(windowed ? 1 : config->parallelization_factor),
        [&](const log::RecordView& r) {
          if (windowed) {
            const int64_t start = window_->start_of(r.arrival_ms);
            if (records.empty())
              window_start = start;
            else if (start != window_start)
              return false;  // the next window's: left for the next read
          }
          records.push_back({r.position, shard_->sequence_at(r.position, r.arrival_ms).to_string(),
                             std::string(r.partition_key), std::string(r.data), r.arrival_ms,
                             r.encrypted});
          return true;
        });
    if (records.empty()) {  // the cursor was below the trim horizon
      tail_.seek(read.next_position);
      mapping_.checkpoint(*stream_, shard_->id(), read.next_position, false);
      continue;
    }

    if (windowed) {
      if (window_->open() && window_start != window_->start_ms()) {
        // A record of a later window: the open one is over (read again after).
        if (!close_window()) break;
        continue;
      }
      if (!window_->open()) window_->begin(window_start);
    }

    const size_t read_count = records.size();
    const std::string last_sequence = records.back().sequence_number;
    origin_.invoke_identity_arn = mapping_.role_arn();
    std::erase_if(records, [&](const PolledRecord& r) { return !config->accepts(r); });
    const uint64_t filtered = read_count - records.size();
    {  // counted when read, as Lambda's PolledEventCount and FilteredOutEventCount are
      base::MutexLock lock(status_mu_);
      status_.polled_events += read_count;
      status_.records_filtered += filtered;
    }
    if (!records.empty() && !(windowed ? run_lane(records, *config) : dispatch(records, *config)))
      continue;  // stopped or disabled

    tail_.seek(read.next_position);
    // A window's checkpoint moves once its final invocation succeeds.
    if (!windowed) mapping_.checkpoint(*stream_, shard_->id(), read.next_position, false);
    {
      base::MutexLock lock(status_mu_);
      status_.checkpoint = read.next_position;
      status_.last_sequence_number = last_sequence;
      status_.millis_behind = read.next_position < read.end_position && read.next_arrival_ms > 0
                                  ? std::max<int64_t>(0, clock.now_ms() - read.next_arrival_ms)
                                  : 0;
    }
    // A state over 1 MB ends the window early.
    if (windowed && window_->over_limit() && !close_window()) break;
  }
  if (lease_) {  // the consumer's subscription ends with the poller
    const auto config = mapping_.config();
    stream_->subscriptions().release(
        log::SubscriptionLeases::key_of(config->consumer_name, shard_->id()), lease_);
  }
}

bool ShardPoller::subscribe(const MappingConfig& config) {
  // "A subscription lasts up to 5 minutes" (the SubscribeToShard reference).
  constexpr int64_t kSubscriptionMs = 5 * 60'000;
  auto& leases = stream_->subscriptions();
  const auto key = log::SubscriptionLeases::key_of(config.consumer_name, shard_->id());
  const int64_t now = mapping_.store().clock().now_ms();
  const bool held = lease_ && leases.holds(key, lease_);
  if (held && now - lease_started_ms_ < kSubscriptionMs) return true;
  const uint64_t generation = leases.claim(key, now);
  if (generation == 0) {  // another subscription began less than 5 s ago
    if (lease_) {
      spdlog::info(
          "mapping {}: {} was taken over by another subscription of {}; subscribing "
          "again once it is 5 s old",
          mapping_.uuid(), shard_->id(), config.consumer_name);
      lease_ = 0;
    }
    wait(500, [] { return false; });
    return false;
  }
  lease_ = generation;
  lease_started_ms_ = now;
  return true;
}

bool ShardPoller::fit_window(const MappingConfig& config) {
  const int seconds = config.tumbling_window_s;
  if (window_ && window_->seconds() == seconds) return true;
  // Turned off or resized by UpdateEventSourceMapping: the open window ends.
  if (window_ && window_->open() && !close_window()) return false;
  window_ = seconds > 0 ? std::make_unique<TumblingWindow>(seconds) : nullptr;
  return true;
}

bool ShardPoller::close_window() {
  const auto handler = mapping_.handler();
  int64_t backoff_ms = 100;
  for (;;) {
    auto result = invoke(*handler, window_->event(origin_, {}, true));
    const bool ok = result.succeeded() && TumblingWindow::answers_state(result.payload);
    {
      base::MutexLock lock(status_mu_);
      status_.invocations += 1;
      if (!ok) {
        status_.function_errors += 1;
        status_.last_error = result.succeeded() ? kNoState : result.error;
      }
    }
    if (ok) break;
    // "If the invocation fails, your Lambda function suspends further
    // processing until a successful invocation."
    spdlog::warn("mapping {}: {} final invocation of the window {} failed: {}", mapping_.uuid(),
                 shard_->id(), iso8601_ms(window_->start_ms()),
                 result.succeeded() ? kNoState : result.error);
    if (!pause(backoff_ms)) return false;
    backoff_ms = std::min<int64_t>(backoff_ms * 2, 5000);
  }
  mapping_.checkpoint(*stream_, shard_->id(), tail_.position(), false);
  mapping_.note_processed();
  window_->finish();
  return true;
}

bool ShardPoller::dispatch(std::vector<PolledRecord>& records, const MappingConfig& config) {
  const auto lanes = static_cast<size_t>(config.parallelization_factor);
  if (lanes == 1) return run_lane(records, config);
  // Records of one partition key always land in the same lane, in order.
  std::vector<std::vector<PolledRecord>> lane(lanes);
  std::hash<std::string_view> hash;
  for (auto& r : records) lane[hash(r.partition_key) % lanes].push_back(std::move(r));
  std::vector<std::thread> threads;
  std::vector<char> ok(lanes, 1);
  for (size_t i = 1; i < lanes; ++i)
    if (!lane[i].empty())
      threads.emplace_back([&, i] { ok[i] = run_lane(lane[i], config) ? 1 : 0; });
  if (!lane[0].empty()) ok[0] = run_lane(lane[0], config) ? 1 : 0;
  for (auto& t : threads) t.join();
  return std::all_of(ok.begin(), ok.end(), [](char c) { return c != 0; });
}

handler::Invocation ShardPoller::invoke(handler::Handler& handler, const std::string& event) {
  auto* faults = mapping_.faults();
  if (faults && faults->active()) {
    if (auto fired = faults->on_invoke(handler.name())) {
      const std::string rule =
          " (injected by kinesisd fault rule " + std::to_string(fired->rule) + ")";
      switch (fired->handler_error) {
        case faults::HandlerError::kFunction:
          return handler::Invocation::function_error("function error" + rule);
        case faults::HandlerError::kTimeout:
          return handler::Invocation::function_error("Task timed out" + rule);
        case faults::HandlerError::kThrottle:
          return handler::Invocation::throttled("TooManyRequestsException: Rate Exceeded." + rule);
      }
    }
  }
  return handler.invoke(event, stop_);
}

bool ShardPoller::run_lane(std::span<const PolledRecord> records, const MappingConfig& config) {
  const auto handler = mapping_.handler();
  const BatchOrigin& source = origin_;
  const RetryPolicy policy = config.retry_policy();
  auto& store = mapping_.store();

  RunnerHooks hooks;
  hooks.invoke = [&](std::span<const PolledRecord> batch) {
    const std::string event =
        window_ ? window_->event(source, batch, false) : build_event(source, batch);
    const auto started = std::chrono::steady_clock::now();
    auto result = invoke(*handler, event);
    if (window_ && result.succeeded() && !window_->take_answer(result.payload))
      result = handler::Invocation::function_error(kNoState);
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    {
      base::MutexLock lock(status_mu_);
      status_.invoked_events += batch.size();
      if (!result.succeeded()) status_.failed_invoke_events += batch.size();
    }
    if (result.succeeded())
      spdlog::debug("mapping {}: {} invoked with {} records in {} us", mapping_.uuid(),
                    source.shard_id, batch.size(), us);
    else
      spdlog::warn("mapping {}: {} function error on {} records ({}..{}): {}", mapping_.uuid(),
                   source.shard_id, batch.size(), batch.front().sequence_number,
                   batch.back().sequence_number, result.error);
    return result;
  };
  hooks.dead_letter = [&](std::span<const PolledRecord> batch, const FailureInfo& info) {
    const auto record =
        build_failure_record(source, mapping_.function_arn(), batch, info, store.clock().now_ms());
    if (!config.on_failure) {
      spdlog::warn("mapping {}: {} dropped {} records ({}): no OnFailure destination",
                   mapping_.uuid(), source.shard_id, batch.size(), info.condition);
      base::MutexLock lock(status_mu_);
      status_.dropped_events += batch.size();
      return true;
    }
    const std::string start = batch.front().sequence_number;
    const bool delivered = config.on_failure->deliver(
        {store, mapping_.outbound(), mapping_.uuid(), source.shard_id, start, stop_}, record,
        build_event(source, batch));
    if (delivered) {
      spdlog::warn("mapping {}: {} sent {} records to {} ({})", mapping_.uuid(), source.shard_id,
                   batch.size(), config.on_failure->text(), info.condition);
      base::MutexLock lock(status_mu_);
      status_.destination_delivered_events += batch.size();
    }
    if (!delivered && config.on_failure->drops_undeliverable()) {
      // Lambda counts DestinationDeliveryFailures and drops the batch.
      spdlog::warn("mapping {}: {} dropped {} records ({}): {} did not take them", mapping_.uuid(),
                   source.shard_id, batch.size(), info.condition, config.on_failure->text());
      base::MutexLock lock(status_mu_);
      status_.destination_delivery_failures += 1;
      status_.dropped_events += batch.size();
      return true;
    }
    return delivered;
  };
  hooks.now_ms = [&] { return store.clock().now_ms(); };
  hooks.sleep = [this](int64_t ms) { return pause(ms); };
  hooks.stopping = [this] { return stop_.load(); };

  // Batches of at most BatchSize records and 6 MB of event.
  size_t begin = 0;
  bool settled = true;
  while (begin < records.size() && settled) {
    size_t end = begin, bytes = 16;
    while (end < records.size() && end - begin < static_cast<size_t>(config.batch_size)) {
      const size_t b = event_bytes(records[end]);
      if (end > begin && bytes + b > kMaxEventBytes) break;
      bytes += b;
      ++end;
    }
    RunStats stats;
    settled = settle_batch(records.subspan(begin, end - begin), policy, hooks, stats);
    {
      base::MutexLock lock(status_mu_);
      status_.invocations += stats.invocations;
      status_.function_errors += stats.function_errors;
      status_.records_processed += stats.records_ok;
      status_.records_dead_lettered += stats.records_dead_lettered;
      if (stats.invocations > 0) status_.last_error = stats.last_error;
    }
    if (stats.invocations > 0) mapping_.note_processed();
    begin = end;
  }
  return settled;
}

}  // namespace kinesisd::poller
