// UpdateStreamRecordDistributionStrategy and the strategy's rules. AUTO
// spreads records evenly over the open shards and ignores PartitionKey and
// ExplicitHashKey; USER_PARTITION_KEY (the default) routes by them. "This
// operation is only supported for data streams that use the on-demand
// capacity mode ... Attempting to set AUTO on a provisioned stream results in
// an InvalidArgumentException. New records that arrive after the change are
// distributed according to the new strategy." (the Kinesis API reference,
// UpdateStreamRecordDistributionStrategy)
#include "kinesis/operations/record_distribution.hpp"
#include "base/mutex.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {

std::optional<protocol::Error> check_distribution(const std::string& stream_name,
                                                  log::StreamMode mode,
                                                  log::RecordDistribution distribution) {
  if (distribution == log::RecordDistribution::kAuto && mode != log::StreamMode::kOnDemand)
    return errors::invalid_argument(
        "The record distribution strategy AUTO is supported only for streams in the ON_DEMAND "
        "capacity mode (stream " +
        stream_name + ").");
  return std::nullopt;
}

Output update_stream_record_distribution_strategy(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  base::MutexLock editing(stream.edit_mutex());
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  const auto distribution =
      *log::record_distribution_of(in.at("RecordDistributionStrategy").get<std::string>());
  if (auto e = check_distribution(stream.identity().name, stream.meta().mode, distribution))
    return *e;
  log::StreamEdit edit;
  edit.distribution = distribution;  // at once, for the next record
  ctx.store.apply(found.value(), edit);
  return json(nullptr);
}

}  // namespace kinesisd::operations
