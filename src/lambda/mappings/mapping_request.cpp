#include "lambda/mappings/mapping_request.hpp"

#include <algorithm>
#include <cmath>

#include "protocol/arn.hpp"
#include "protocol/model.hpp"
#include "protocol/validator.hpp"

namespace kinesisd::lambda {
namespace {

using json = nlohmann::json;
using protocol::Error;

const json* member(const json& in, const char* name) {
  auto it = in.find(name);
  return it == in.end() || it->is_null() ? nullptr : &*it;
}

constexpr size_t kMaxFilters = 5;  // Lambda's default quota of filters per mapping

// EventSourceArn, StartingPosition and its timestamp: set at creation only.
std::optional<Error> read_source(const json& body, poller::MappingConfig& c, int64_t now_ms) {
  const auto* arn = member(body, "EventSourceArn");
  if (!arn) return invalid_parameter("EventSourceArn is required for a Kinesis event source.");
  c.event_source_arn = arn->get<std::string>();
  // A stream, or a stream's enhanced fan-out consumer (Lambda then reads
  // through the consumer's subscriptions).
  auto ref = protocol::parse_stream_arn(c.event_source_arn);
  if (!ref)
    if (auto consumer = protocol::parse_consumer_arn(c.event_source_arn)) {
      ref = consumer->stream;
      c.consumer_name = consumer->name;
    }
  if (!ref)
    return invalid_parameter(
        "kinesisd maps Kinesis streams only: EventSourceArn must look like "
        "arn:aws:kinesis:<region>:<account>:stream/<name>, or a stream consumer's "
        "arn:aws:kinesis:<region>:<account>:stream/<name>/consumer/<consumer>:<timestamp> (got " +
        c.event_source_arn + ").");
  c.stream_account = ref->account;
  c.stream_region = ref->region;
  c.stream_name = ref->name;

  const auto* position = member(body, "StartingPosition");
  if (!position)
    return invalid_parameter("StartingPosition is required for a Kinesis event source.");
  c.starting_position = position->get<std::string>();
  if (const auto* ts = member(body, "StartingPositionTimestamp")) {
    const double ms = std::clamp(ts->get<double>() * 1000.0, -1e15, 1e15);
    c.starting_position_timestamp_ms = static_cast<int64_t>(std::llround(ms));
  }
  if (c.starting_position == "AT_TIMESTAMP") {
    if (!c.starting_position_timestamp_ms)
      return invalid_parameter(
          "StartingPositionTimestamp must be provided with StartingPosition AT_TIMESTAMP.");
    if (*c.starting_position_timestamp_ms > now_ms)
      return invalid_parameter("StartingPositionTimestamp cannot be in the future.");
  } else if (c.starting_position_timestamp_ms) {
    return invalid_parameter(
        "StartingPositionTimestamp is only valid with StartingPosition AT_TIMESTAMP.");
  }
  return std::nullopt;
}

// The numbers and switches both Create and Update take.
std::optional<Error> read_parameters(const json& body, poller::MappingConfig& c) {
  if (const auto* f = member(body, "FunctionName")) c.function_name = f->get<std::string>();
  if (const auto* v = member(body, "Enabled")) c.enabled = v->get<bool>();
  if (const auto* v = member(body, "BatchSize")) c.batch_size = v->get<int>();
  if (const auto* v = member(body, "MaximumBatchingWindowInSeconds"))
    c.maximum_batching_window_s = v->get<int>();
  if (const auto* v = member(body, "ParallelizationFactor"))
    c.parallelization_factor = v->get<int>();
  if (const auto* v = member(body, "BisectBatchOnFunctionError"))
    c.bisect_batch_on_function_error = v->get<bool>();
  if (const auto* v = member(body, "MaximumRetryAttempts"))
    c.maximum_retry_attempts = v->get<int>();
  if (const auto* v = member(body, "MaximumRecordAgeInSeconds")) {
    const int age = v->get<int>();
    if (age != -1 && age < 60)
      return invalid_parameter(
          "MaximumRecordAgeInSeconds must be -1 (no limit) or between 60 and 604800.");
    c.maximum_record_age_s = age;
  }
  // 0 (none) to 900: the model's range, checked before this.
  if (const auto* v = member(body, "TumblingWindowInSeconds")) c.tumbling_window_s = v->get<int>();
  if (const auto* v = member(body, "MetricsConfig")) {
    // "ErrorCount (Amazon MSK and self-managed Apache Kafka)", "KafkaMetrics
    // (Amazon MSK and self-managed Apache Kafka)": for a Kinesis source only
    // EventCount (the Lambda API reference, EventSourceMappingMetricsConfig).
    c.event_count_metrics = false;
    for (const auto& metric : v->value("Metrics", json::array())) {
      if (metric == "EventCount")
        c.event_count_metrics = true;
      else
        return invalid_parameter("The metric " + metric.get<std::string>() +
                                 " is only supported for Amazon MSK and self-managed Apache "
                                 "Kafka event sources; a Kinesis event source produces "
                                 "EventCount metrics.");
    }
  }
  if (const auto* v = member(body, "FunctionResponseTypes")) {
    c.report_batch_item_failures = false;
    for (const auto& t : *v)
      if (t == "ReportBatchItemFailures") c.report_batch_item_failures = true;
  }
  return std::nullopt;
}

std::optional<Error> read_filters(const json& criteria, poller::MappingConfig& c) {
  std::vector<poller::FilterPattern> filters;
  if (const auto* list = member(criteria, "Filters")) {
    if (list->size() > kMaxFilters)
      return invalid_parameter("FilterCriteria holds more than " + std::to_string(kMaxFilters) +
                               " filters.");
    for (const auto& filter : *list) {
      const auto* pattern = member(filter, "Pattern");
      std::string why;
      auto parsed =
          pattern ? poller::FilterPattern::parse(pattern->get<std::string>(), &why) : std::nullopt;
      if (!parsed)
        return invalid_parameter("Invalid filter pattern definition." +
                                 (why.empty() ? std::string() : " " + why + "."));
      filters.push_back(std::move(*parsed));
    }
  }
  c.filters = std::move(filters);
  return std::nullopt;
}

std::optional<Error> read_destinations(const json& config, poller::MappingConfig& c) {
  if (member(config, "OnSuccess"))
    return invalid_parameter(
        "Unsupported DestinationConfig parameter for given event source mapping type.");
  c.on_failure.reset();
  if (const auto* on_failure = member(config, "OnFailure")) {
    const auto* d = member(*on_failure, "Destination");
    if (d && !d->get_ref<const std::string&>().empty()) {
      std::string why;
      auto parsed = poller::FailureDestination::parse(d->get<std::string>(), &why);
      if (!parsed) return invalid_parameter(why);
      c.on_failure = std::move(parsed);
    }
  }
  return std::nullopt;
}

}  // namespace

json request_of(const poller::MappingConfig& c) {
  json body = {{"EventSourceArn", c.event_source_arn},
               {"FunctionName", c.function_name},
               {"StartingPosition", c.starting_position},
               {"Enabled", c.enabled},
               {"BatchSize", c.batch_size},
               {"MaximumBatchingWindowInSeconds", c.maximum_batching_window_s},
               {"ParallelizationFactor", c.parallelization_factor},
               {"TumblingWindowInSeconds", c.tumbling_window_s},
               {"BisectBatchOnFunctionError", c.bisect_batch_on_function_error},
               {"MaximumRetryAttempts", c.maximum_retry_attempts},
               {"MaximumRecordAgeInSeconds", c.maximum_record_age_s},
               {"FunctionResponseTypes", json::array()}};
  if (c.starting_position_timestamp_ms)
    body["StartingPositionTimestamp"] =
        static_cast<double>(*c.starting_position_timestamp_ms) / 1000;
  if (c.report_batch_item_failures)
    body["FunctionResponseTypes"].push_back("ReportBatchItemFailures");
  if (!c.filters.empty()) {
    json filters = json::array();
    for (const auto& f : c.filters) filters.push_back({{"Pattern", f.text()}});
    body["FilterCriteria"] = {{"Filters", std::move(filters)}};
  }
  if (c.on_failure)
    body["DestinationConfig"] = {{"OnFailure", {{"Destination", c.on_failure->text()}}}};
  if (c.event_count_metrics) body["MetricsConfig"] = {{"Metrics", {"EventCount"}}};
  if (!c.tags.empty()) body["Tags"] = c.tags;
  return body;
}

Error invalid_parameter(std::string message) {
  return protocol::errors::make("InvalidParameterValueException", std::move(message));
}

std::optional<Error> read_mapping_request(const json& body, RequestKind kind,
                                          poller::MappingConfig& c, int64_t now_ms) {
  const auto& model = protocol::Model::lambda();
  const auto* shape = model.input(kind == RequestKind::kCreate ? "CreateEventSourceMapping"
                                                               : "UpdateEventSourceMapping");
  if (auto invalid = protocol::validate_input(*shape, body)) return invalid;
  if (kind == RequestKind::kCreate) {
    if (auto e = read_source(body, c, now_ms)) return e;
    if (const auto* tags = member(body, "Tags"))
      for (const auto& [k, v] : tags->items()) c.tags[k] = v.get<std::string>();
  }
  if (auto e = read_parameters(body, c)) return e;
  if (const auto* v = member(body, "FilterCriteria"))
    if (auto e = read_filters(*v, c)) return e;
  if (const auto* v = member(body, "DestinationConfig"))
    if (auto e = read_destinations(*v, c)) return e;
  return std::nullopt;
}

}  // namespace kinesisd::lambda
