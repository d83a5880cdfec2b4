// The parameters of one event source mapping, under Lambda's names and with
// Lambda's defaults (the CreateEventSourceMapping API reference). A plain
// value: Lambda's API (src/lambda/) reads requests into it and renders it
// back; the poller only runs it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lambda/poller/batch_runner.hpp"
#include "lambda/poller/failure_destination.hpp"
#include "lambda/poller/filter_pattern.hpp"

namespace kinesisd::poller {

struct MappingConfig {
  std::string event_source_arn;
  std::string stream_account, stream_region, stream_name;  // from the ARN
  // EventSourceArn naming an enhanced fan-out consumer: its name ("" for a
  // stream ARN). Its records are read through the consumer's subscriptions.
  std::string consumer_name;
  std::string function_name;      // as given: a handler name or a function ARN
  std::string starting_position;  // TRIM_HORIZON | LATEST | AT_TIMESTAMP
  std::optional<int64_t> starting_position_timestamp_ms;
  int batch_size = 100;
  int maximum_batching_window_s = 0;
  int parallelization_factor = 1;
  int tumbling_window_s = 0;  // TumblingWindowInSeconds: 0 = none (poller/tumbling_window)
  bool bisect_batch_on_function_error = false;
  int maximum_retry_attempts = -1;
  int maximum_record_age_s = -1;
  bool report_batch_item_failures = false;
  bool event_count_metrics = false;         // MetricsConfig Metrics ["EventCount"]
  std::map<std::string, std::string> tags;  // Tags at creation, TagResource, UntagResource
  std::vector<FilterPattern> filters;       // FilterCriteria.Filters, in order
  std::optional<FailureDestination> on_failure;
  bool enabled = true;

  RetryPolicy retry_policy() const;
  // Whether a record passes FilterCriteria (no filters: everything passes).
  bool accepts(const PolledRecord& record) const;
};

}  // namespace kinesisd::poller
