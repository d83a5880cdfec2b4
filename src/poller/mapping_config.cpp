#include "poller/mapping_config.hpp"

#include <cmath>

#include "log/stream.hpp"
#include "poller/lambda_event.hpp"
#include "protocol/model.hpp"
#include "protocol/validator.hpp"

namespace kinesisd::poller {
namespace {

using json = nlohmann::json;

const json* member(const json& in, const char* name) {
  auto it = in.find(name);
  return it == in.end() || it->is_null() ? nullptr : &*it;
}

constexpr size_t kMaxFilters = 5;  // Lambda's default quota of filters per mapping

}  // namespace

protocol::Error invalid_parameter(std::string message) {
  return protocol::errors::make("InvalidParameterValueException", std::move(message));
}

RetryPolicy MappingConfig::retry_policy() const {
  RetryPolicy p;
  p.bisect = bisect_batch_on_function_error;
  p.max_retry_attempts = maximum_retry_attempts;
  p.max_record_age_s = maximum_record_age_s;
  p.report_item_failures = report_batch_item_failures;
  return p;
}

bool MappingConfig::accepts(const PolledRecord& record) const {
  if (filters.empty()) return true;
  const json doc = filter_document(record);
  for (const auto& f : filters)
    if (f.matches(doc)) return true;
  return false;
}

std::optional<protocol::Error> apply_request(const json& body, RequestKind kind, MappingConfig& c,
                                             int64_t now_ms) {
  const auto& model = protocol::Model::lambda();
  const auto* shape = model.input(kind == RequestKind::kCreate ? "CreateEventSourceMapping"
                                                               : "UpdateEventSourceMapping");
  if (auto invalid = protocol::validate_input(*shape, body)) return invalid;

  if (kind == RequestKind::kCreate) {
    const auto* arn = member(body, "EventSourceArn");
    if (!arn) return invalid_parameter("EventSourceArn is required for a Kinesis event source.");
    c.event_source_arn = arn->get<std::string>();
    const auto ref = log::parse_stream_arn(c.event_source_arn);
    if (!ref)
      return invalid_parameter(
          "kinesisd maps Kinesis streams only: EventSourceArn must look like "
          "arn:aws:kinesis:<region>:<account>:stream/<name> (got " +
          c.event_source_arn + ").");
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
  }

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
  if (const auto* v = member(body, "TumblingWindowInSeconds"); v && v->get<int>() != 0)
    return invalid_parameter(
        "kinesisd does not run tumbling windows: TumblingWindowInSeconds must be 0.");
  if (const auto* v = member(body, "FunctionResponseTypes")) {
    c.report_batch_item_failures = false;
    for (const auto& t : *v)
      if (t == "ReportBatchItemFailures") c.report_batch_item_failures = true;
  }
  if (const auto* v = member(body, "FilterCriteria")) {
    std::vector<FilterPattern> filters;
    if (const auto* list = member(*v, "Filters")) {
      if (list->size() > kMaxFilters)
        return invalid_parameter("FilterCriteria holds more than " + std::to_string(kMaxFilters) +
                                 " filters.");
      for (const auto& filter : *list) {
        const auto* pattern = member(filter, "Pattern");
        std::string why;
        auto parsed =
            pattern ? FilterPattern::parse(pattern->get<std::string>(), &why) : std::nullopt;
        if (!parsed)
          return invalid_parameter("Invalid filter pattern definition." +
                                   (why.empty() ? std::string() : " " + why + "."));
        filters.push_back(std::move(*parsed));
      }
    }
    c.filters = std::move(filters);
    c.filter_criteria = c.filters.empty() ? json(nullptr) : *v;
  }
  if (const auto* v = member(body, "DestinationConfig")) {
    if (member(*v, "OnSuccess"))
      return invalid_parameter(
          "Unsupported DestinationConfig parameter for given event source mapping type.");
    c.on_failure.reset();
    if (const auto* on_failure = member(*v, "OnFailure")) {
      const auto* d = member(*on_failure, "Destination");
      if (d && !d->get_ref<const std::string&>().empty()) {
        std::string why;
        auto parsed = FailureDestination::parse(d->get<std::string>(), &why);
        if (!parsed) return invalid_parameter(why);
        c.on_failure = std::move(parsed);
      }
    }
  }
  return std::nullopt;
}

}  // namespace kinesisd::poller
