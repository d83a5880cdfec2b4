// EnableEnhancedMonitoring and DisableEnhancedMonitoring: the shard-level
// metrics list of a stream ("ALL" stands for all seven). Both answer the list
// before and after the change.
#include <algorithm>

#include "base/mutex.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

// In the order AWS lists them.
const std::vector<std::string>& all_metrics() {
  static const std::vector<std::string> all = {"IncomingBytes",
                                               "IncomingRecords",
                                               "OutgoingBytes",
                                               "OutgoingRecords",
                                               "WriteProvisionedThroughputExceeded",
                                               "ReadProvisionedThroughputExceeded",
                                               "IteratorAgeMilliseconds"};
  return all;
}

Output change_monitoring(Context& ctx, const json& in, bool enable) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  base::MutexLock editing(stream.edit_mutex());
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  std::vector<std::string> named;
  for (const auto& m : in.at("ShardLevelMetrics")) {
    if (m == "ALL")
      named = all_metrics();
    else if (std::find(named.begin(), named.end(), m.get<std::string>()) == named.end())
      named.push_back(m.get<std::string>());
  }
  const std::vector<std::string> before = stream.meta().shard_level_metrics;
  std::vector<std::string> after;
  for (const auto& m : all_metrics()) {
    const bool was = std::find(before.begin(), before.end(), m) != before.end();
    const bool asked = std::find(named.begin(), named.end(), m) != named.end();
    if (enable ? (was || asked) : (was && !asked)) after.push_back(m);
  }
  log::StreamEdit edit;
  edit.shard_level_metrics = after;
  ctx.store.apply(found.value(), edit);
  return json{{"StreamName", stream.name()},
              {"StreamARN", stream.arn()},
              {"CurrentShardLevelMetrics", before},
              {"DesiredShardLevelMetrics", after}};
}

}  // namespace

Output enable_enhanced_monitoring(Context& ctx, const json& in) {
  return change_monitoring(ctx, in, true);
}

Output disable_enhanced_monitoring(Context& ctx, const json& in) {
  return change_monitoring(ctx, in, false);
}

}  // namespace kinesisd::operations
