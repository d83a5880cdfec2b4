#include "poller/event_source_mapping.hpp"

#include <spdlog/spdlog.h>

#include "operations/input.hpp"

namespace kinesisd::poller {

std::string function_arn(std::string_view region, std::string_view account,
                         std::string_view function_name) {
  return "arn:aws:lambda:" + std::string(region) + ":" + std::string(account) +
         ":function:" + std::string(function_name);
}

EventSourceMapping::EventSourceMapping(std::string uuid, std::string region, std::string account,
                                       MappingConfig config, handler::Registered handler,
                                       log::StreamStore& store)
    : uuid_(std::move(uuid)),
      region_(std::move(region)),
      account_(std::move(account)),
      arn_("arn:aws:lambda:" + region_ + ":" + account_ + ":event-source-mapping:" + uuid_),
      store_(store),
      config_(std::make_shared<const MappingConfig>(std::move(config))),
      handler_(std::move(handler)),
      function_arn_(poller::function_arn(region_, account_, handler_.handler->name())),
      last_modified_ms_(store.clock().now_ms()) {}

EventSourceMapping::~EventSourceMapping() {
  request_stop();
  join();
}

std::shared_ptr<const MappingConfig> EventSourceMapping::config() const {
  std::lock_guard lock(mu_);
  return config_;
}

std::shared_ptr<handler::Handler> EventSourceMapping::handler() const {
  std::lock_guard lock(mu_);
  return handler_.handler;
}

std::string EventSourceMapping::role_arn() const {
  std::lock_guard lock(mu_);
  return handler_.role_arn;
}

std::string EventSourceMapping::function_arn() const {
  std::lock_guard lock(mu_);
  return function_arn_;
}

std::string EventSourceMapping::handler_name() const {
  std::lock_guard lock(mu_);
  return handler_.handler->name();
}

void EventSourceMapping::note_processed() {
  std::lock_guard lock(mu_);
  processed_any_ = true;
}

void EventSourceMapping::start() {
  {
    std::lock_guard lock(mu_);
    const auto& c = *config_;
    stream_ = store_.find(c.stream_region, c.stream_name);
    if (stream_) {
      const int64_t visible = stream_->visible_from_ms(store_.clock().now_ms());
      for (const auto& shard : stream_->shards()) {
        uint64_t position = 0;
        if (c.starting_position == "LATEST")
          position = shard->latest();
        else if (c.starting_position == "AT_TIMESTAMP")
          position = shard->at_timestamp(c.starting_position_timestamp_ms.value_or(0), visible);
        else
          position = shard->trim_horizon(visible);
        initial_positions_[shard->id()] = position;
      }
      start_ready_shards(stream_);
    }
  }
  supervisor_ = std::thread([this] { supervise(); });
}

void EventSourceMapping::request_stop() {
  std::lock_guard lock(mu_);
  stop_ = true;
  for (auto& [id, consumer] : consumers_) consumer->request_stop();
  cv_.notify_all();
}

void EventSourceMapping::join() {
  if (supervisor_.joinable()) supervisor_.join();
  std::map<std::string, std::unique_ptr<ShardConsumer>> consumers;
  {
    std::lock_guard lock(mu_);
    consumers.swap(consumers_);
  }
  consumers.clear();  // each joins its thread
}

void EventSourceMapping::update(MappingConfig next, handler::Registered handler) {
  std::lock_guard lock(mu_);
  config_ = std::make_shared<const MappingConfig>(std::move(next));
  handler_ = std::move(handler);
  function_arn_ = poller::function_arn(region_, account_, handler_.handler->name());
  last_modified_ms_ = store_.clock().now_ms();
  for (auto& [id, consumer] : consumers_) consumer->wake();
}

// REQUIRES: mu_ held.
void EventSourceMapping::start_ready_shards(const std::shared_ptr<log::Stream>& stream) {
  for (const auto& shard : stream->shards()) {
    if (consumers_.count(shard->id())) continue;
    bool parents_drained = true;
    for (const auto* parent : {&shard->parent(), &shard->adjacent_parent()}) {
      if (!*parent) continue;
      auto it = consumers_.find(**parent);
      if (it != consumers_.end()) {
        parents_drained = parents_drained && it->second->finished();
      } else if (stream->find_shard(**parent)) {
        parents_drained = false;  // the parent exists but has not been consumed yet
      }
    }
    if (!parents_drained) continue;
    uint64_t position = 0;
    if (auto it = initial_positions_.find(shard->id()); it != initial_positions_.end())
      position = it->second;
    else
      position = shard->trim_horizon(stream->visible_from_ms(store_.clock().now_ms()));
    auto consumer = std::make_unique<ShardConsumer>(*this, stream, shard, position);
    consumer->start();
    spdlog::info("mapping {}: consuming {} of {} from position {}", uuid_, shard->id(),
                 stream->name(), position);
    consumers_.emplace(shard->id(), std::move(consumer));
  }
}

void EventSourceMapping::supervise() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, std::chrono::milliseconds(100));
    if (stop_) break;
    const auto& c = *config_;
    auto stream = store_.find(c.stream_region, c.stream_name);
    const int64_t now = store_.clock().now_ms();
    if (!stream || stream->status(now) == log::StreamStatus::kDeleting) {
      if (problem_.empty()) spdlog::warn("mapping {}: stream {} is gone", uuid_, c.stream_name);
      problem_ = "PROBLEM: Stream not found.";
      for (auto& [id, consumer] : consumers_) consumer->request_stop();
      continue;
    }
    if (stream != stream_) {
      // The stream was deleted and created again: a new stream, read from its start.
      for (auto& [id, consumer] : consumers_) consumer->request_stop();
      auto old = std::move(consumers_);
      consumers_.clear();
      lock.unlock();
      old.clear();
      lock.lock();
      initial_positions_.clear();
      stream_ = stream;
    }
    problem_.clear();
    start_ready_shards(stream);
  }
}

std::vector<ShardStatus> EventSourceMapping::shard_status() const {
  std::lock_guard lock(mu_);
  std::vector<ShardStatus> out;
  for (const auto& [id, consumer] : consumers_) out.push_back(consumer->status());
  return out;
}

nlohmann::json EventSourceMapping::describe(const char* state_override) const {
  using operations::epoch_seconds;
  std::lock_guard lock(mu_);
  const auto& c = *config_;
  nlohmann::json j;
  j["UUID"] = uuid_;
  j["StartingPosition"] = c.starting_position;
  if (c.starting_position_timestamp_ms)
    j["StartingPositionTimestamp"] = epoch_seconds(*c.starting_position_timestamp_ms);
  j["BatchSize"] = c.batch_size;
  j["MaximumBatchingWindowInSeconds"] = c.maximum_batching_window_s;
  j["ParallelizationFactor"] = c.parallelization_factor;
  j["EventSourceArn"] = c.event_source_arn;
  if (!c.filter_criteria.is_null()) j["FilterCriteria"] = c.filter_criteria;
  j["FunctionArn"] = function_arn_;
  j["LastModified"] = epoch_seconds(last_modified_ms_);
  bool failing = false;
  nlohmann::json shards = nlohmann::json::array();
  for (const auto& [id, consumer] : consumers_) {
    const auto s = consumer->status();
    failing = failing || !s.last_error.empty();
    shards.push_back({{"ShardId", s.shard_id},
                      {"LastSequenceNumber", s.last_sequence_number},
                      {"RecordsBehind", s.records_behind},
                      {"MillisBehindLatest", s.millis_behind},
                      {"Invocations", s.invocations},
                      {"FunctionErrors", s.function_errors},
                      {"RecordsProcessed", s.records_processed},
                      {"RecordsFiltered", s.records_filtered},
                      {"RecordsDeadLettered", s.records_dead_lettered},
                      {"LastError", s.last_error},
                      {"Drained", s.finished}});
  }
  if (!problem_.empty())
    j["LastProcessingResult"] = problem_;
  else if (failing)
    j["LastProcessingResult"] = "PROBLEM: Function call failed";
  else
    j["LastProcessingResult"] = processed_any_ ? "OK" : "No records processed";
  j["State"] = state_override ? state_override : (c.enabled ? "Enabled" : "Disabled");
  j["StateTransitionReason"] = "User action";
  nlohmann::json on_failure = nlohmann::json::object();
  if (c.on_failure) on_failure["Destination"] = c.on_failure->text();
  j["DestinationConfig"] = {{"OnFailure", on_failure}};
  j["MaximumRecordAgeInSeconds"] = c.maximum_record_age_s;
  j["BisectBatchOnFunctionError"] = c.bisect_batch_on_function_error;
  j["MaximumRetryAttempts"] = c.maximum_retry_attempts;
  j["TumblingWindowInSeconds"] = 0;
  j["FunctionResponseTypes"] = nlohmann::json::array();
  if (c.report_batch_item_failures) j["FunctionResponseTypes"].push_back("ReportBatchItemFailures");
  j["EventSourceMappingArn"] = arn_;
  j["KinesisdShards"] = std::move(shards);
  return j;
}

}  // namespace kinesisd::poller
