// The parameters of one event source mapping, under Lambda's names and with
// Lambda's defaults (KINESIS_WIRE.md §7), and the one place that turns a
// request body (Create/UpdateEventSourceMapping, or a mapping in the config
// file) into them:
//   1. the Lambda model's constraints (ranges, enums, patterns), checked by the
//      shared validator -> ValidationException in Coral's words;
//   2. the rules the model cannot say (a Kinesis stream ARN, StartingPosition
//      for streams, record age -1 or >= 60 s, filter syntax, destinations)
//      -> InvalidParameterValueException.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "poller/batch_runner.hpp"
#include "poller/failure_destination.hpp"
#include "poller/filter_pattern.hpp"
#include "protocol/error.hpp"

namespace kinesisd::poller {

struct MappingConfig {
  std::string event_source_arn;
  std::string stream_region, stream_name;  // from the ARN
  std::string function_name;               // as given: a handler name or a function ARN
  std::string starting_position;           // TRIM_HORIZON | LATEST | AT_TIMESTAMP
  std::optional<int64_t> starting_position_timestamp_ms;
  int batch_size = 100;
  int maximum_batching_window_s = 0;
  int parallelization_factor = 1;
  bool bisect_batch_on_function_error = false;
  int maximum_retry_attempts = -1;
  int maximum_record_age_s = -1;
  bool report_batch_item_failures = false;
  nlohmann::json filter_criteria;  // as given; null when none
  std::vector<FilterPattern> filters;
  std::optional<FailureDestination> on_failure;
  bool enabled = true;

  RetryPolicy retry_policy() const;
  // Whether a record passes FilterCriteria (no filters: everything passes).
  bool accepts(const PolledRecord& record) const;
};

enum class RequestKind { kCreate, kUpdate };

// Applies `body` onto `config` (a default MappingConfig for a create, the
// current one for an update). On error `config` may be partly changed: callers
// apply to a copy.
std::optional<protocol::Error> apply_request(const nlohmann::json& body, RequestKind kind,
                                             MappingConfig& config, int64_t now_ms);

protocol::Error invalid_parameter(std::string message);

}  // namespace kinesisd::poller
