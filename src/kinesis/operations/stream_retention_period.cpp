// IncreaseStreamRetentionPeriod and DecreaseStreamRetentionPeriod: 24 to 8760
// hours; an increase may not shorten the period and a decrease may not
// lengthen it. Reads and the sweeper use the new period at once.
#include "base/mutex.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

constexpr int kMinHours = 24;
constexpr int kMaxHours = 8760;

Output change_retention(Context& ctx, const json& in, bool increase) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  const int64_t hours = in.at("RetentionPeriodHours").get<int64_t>();
  const std::string requested = "Requested retention period (" + std::to_string(hours) + " hours)";
  if (hours < kMinHours)
    return errors::invalid_argument("Minimum allowed retention period is 24 hours. " + requested +
                                    " is too short.");
  if (hours > kMaxHours)
    return errors::invalid_argument("Maximum allowed retention period is 8760 hours. " + requested +
                                    " is too long.");
  base::MutexLock editing(stream.edit_mutex());
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  const int current = stream.meta().retention_hours;
  const std::string existing =
      " existing retention period (" + std::to_string(current) + " hours).";
  if (increase && hours < current)
    return errors::invalid_argument(requested + " for stream " + stream.name() +
                                    " can not be shorter than" + existing +
                                    " Use DecreaseRetentionPeriod API.");
  if (!increase && hours > current)
    return errors::invalid_argument(requested + " for stream " + stream.name() +
                                    " can not be longer than" + existing +
                                    " Use IncreaseRetentionPeriod API.");
  log::StreamEdit edit;
  edit.retention_hours = static_cast<int>(hours);
  ctx.store.apply(found.value(), edit);
  return json(nullptr);
}

}  // namespace

Output increase_stream_retention_period(Context& ctx, const json& in) {
  return change_retention(ctx, in, true);
}

Output decrease_stream_retention_period(Context& ctx, const json& in) {
  return change_retention(ctx, in, false);
}

}  // namespace kinesisd::operations
