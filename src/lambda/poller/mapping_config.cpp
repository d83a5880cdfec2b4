#include "lambda/poller/mapping_config.hpp"

#include "lambda/poller/lambda_event.hpp"

namespace kinesisd::poller {

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
  const nlohmann::json doc = filter_document(record);
  for (const auto& f : filters)
    if (f.matches(doc)) return true;
  return false;
}

}  // namespace kinesisd::poller
