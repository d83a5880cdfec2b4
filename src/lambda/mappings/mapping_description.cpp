#include "lambda/mappings/mapping_description.hpp"

#include "protocol/epoch_seconds.hpp"

namespace kinesisd::lambda {
namespace {

using json = nlohmann::json;
using protocol::epoch_seconds;

json shard_json(const poller::ShardStatus& s) {
  return {{"ShardId", s.shard_id},
          {"LastSequenceNumber", s.last_sequence_number},
          {"RecordsBehind", s.records_behind},
          {"MillisBehindLatest", s.millis_behind},
          {"Invocations", s.invocations},
          {"FunctionErrors", s.function_errors},
          {"RecordsProcessed", s.records_processed},
          {"RecordsFiltered", s.records_filtered},
          {"RecordsDeadLettered", s.records_dead_lettered},
          {"LastError", s.last_error},
          {"Drained", s.finished}};
}

}  // namespace

json describe_mapping(const poller::EventSourceMapping& mapping, const char* state) {
  const auto status = mapping.status();
  const auto& c = *status.config;
  json j;
  j["UUID"] = mapping.uuid();
  j["StartingPosition"] = c.starting_position;
  if (c.starting_position_timestamp_ms)
    j["StartingPositionTimestamp"] = epoch_seconds(*c.starting_position_timestamp_ms);
  j["BatchSize"] = c.batch_size;
  j["MaximumBatchingWindowInSeconds"] = c.maximum_batching_window_s;
  j["ParallelizationFactor"] = c.parallelization_factor;
  j["EventSourceArn"] = c.event_source_arn;
  if (!c.filters.empty()) {
    json filters = json::array();
    for (const auto& f : c.filters) filters.push_back({{"Pattern", f.text()}});
    j["FilterCriteria"] = {{"Filters", std::move(filters)}};
  }
  j["FunctionArn"] = status.function_arn;
  j["LastModified"] = epoch_seconds(status.last_modified_ms);
  bool failing = false;
  json shards = json::array();
  for (const auto& s : status.shards) {
    failing = failing || !s.last_error.empty();
    shards.push_back(shard_json(s));
  }
  if (!status.problem.empty())
    j["LastProcessingResult"] = status.problem;
  else if (failing)
    j["LastProcessingResult"] = "PROBLEM: Function call failed";
  else
    j["LastProcessingResult"] = status.processed_any ? "OK" : "No records processed";
  j["State"] = state ? state : (c.enabled && !status.source_gone ? "Enabled" : "Disabled");
  j["StateTransitionReason"] = status.source_gone ? status.problem : "User action";
  json on_failure = json::object();
  if (c.on_failure) on_failure["Destination"] = c.on_failure->text();
  j["DestinationConfig"] = {{"OnFailure", on_failure}};
  j["MaximumRecordAgeInSeconds"] = c.maximum_record_age_s;
  j["BisectBatchOnFunctionError"] = c.bisect_batch_on_function_error;
  j["MaximumRetryAttempts"] = c.maximum_retry_attempts;
  j["TumblingWindowInSeconds"] = c.tumbling_window_s;
  j["FunctionResponseTypes"] = json::array();
  if (c.report_batch_item_failures) j["FunctionResponseTypes"].push_back("ReportBatchItemFailures");
  j["EventSourceMappingArn"] = mapping.arn();
  if (c.event_count_metrics) j["MetricsConfig"] = {{"Metrics", {"EventCount"}}};
  j["KinesisdShards"] = std::move(shards);
  return j;
}

}  // namespace kinesisd::lambda
