// UpdateStreamWarmThroughput and the warm-throughput rules every operation
// that takes WarmThroughputMiBps shares. The stream is UPDATING for the
// configured update delay; CurrentMiBps reaches the target when it is ACTIVE.
#include "kinesis/operations/warm_throughput.hpp"
#include "base/mutex.hpp"

#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {

std::optional<Error> check_warm_throughput(const Context& ctx, log::StreamMode mode,
                                           int64_t mibps) {
  if (mode != log::StreamMode::kOnDemand)
    return errors::invalid_argument(
        "Warm throughput is only supported for streams in ON_DEMAND mode.");
  if (mibps > kMaxWarmThroughputMiBps)
    return errors::limit_exceeded("WarmThroughputMiBps " + std::to_string(mibps) +
                                  " exceeds the limit of " +
                                  std::to_string(kMaxWarmThroughputMiBps) + " MiBps.");
  const auto commitment = ctx.store.account_settings().commitment(ctx.region, ctx.now_ms);
  if (commitment.status == log::CommitmentStatus::kDisabled)
    return errors::invalid_argument(
        "Warm throughput requires the account's MinimumThroughputBillingCommitment to be "
        "enabled.");
  return std::nullopt;
}

json warm_throughput_of(const log::Stream& stream, int64_t now_ms) {
  const auto meta = stream.meta();
  if (meta.mode != log::StreamMode::kOnDemand ||
      (meta.warm_throughput_mibps == 0 && meta.warm_throughput_previous_mibps == 0))
    return nullptr;
  const bool updating = stream.status(now_ms) == log::StreamStatus::kUpdating;
  return {{"TargetMiBps", meta.warm_throughput_mibps},
          {"CurrentMiBps",
           updating ? meta.warm_throughput_previous_mibps : meta.warm_throughput_mibps}};
}

Output update_stream_warm_throughput(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  base::MutexLock editing(stream.edit_mutex());
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  const int64_t mibps = in.at("WarmThroughputMiBps").get<int64_t>();
  if (auto e = check_warm_throughput(ctx, stream.meta().mode, mibps)) return *e;

  const int previous = stream.meta().warm_throughput_mibps;
  log::StreamEdit edit;
  edit.warm_throughput = log::StreamEdit::WarmThroughput{static_cast<int>(mibps), previous};
  edit.pending = log::StreamEdit::Pending{ctx.now_ms + ctx.store.options().update_delay_ms, true};
  ctx.store.apply(found.value(), edit);
  return json{{"StreamARN", stream.arn()},
              {"StreamName", stream.name()},
              {"WarmThroughput", {{"TargetMiBps", mibps}, {"CurrentMiBps", previous}}}};
}

}  // namespace kinesisd::operations
