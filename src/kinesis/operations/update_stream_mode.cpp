// UpdateStreamMode: PROVISIONED <-> ON_DEMAND. The stream goes UPDATING for
// the configured update delay; its shards stay as they are.
#include "base/mutex.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/record_distribution.hpp"
#include "kinesis/operations/stream_lookup.hpp"
#include "kinesis/operations/warm_throughput.hpp"

namespace kinesisd::operations {

Output update_stream_mode(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  base::MutexLock editing(stream.edit_mutex());
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  const auto mode_name = in.at("StreamModeDetails").at("StreamMode").get<std::string>();
  const auto mode =
      mode_name == "ON_DEMAND" ? log::StreamMode::kOnDemand : log::StreamMode::kProvisioned;
  // An AUTO stream spreads records as only ON_DEMAND streams may.
  if (auto e = check_distribution(stream.identity().name, mode, stream.meta().distribution))
    return *e;
  const auto warm = opt_int(in, "WarmThroughputMiBps");
  if (warm)
    if (auto e = check_warm_throughput(ctx, mode, *warm)) return *e;
  const int current = stream.meta().warm_throughput_mibps;
  int target = warm ? static_cast<int>(*warm) : current;
  if (mode == log::StreamMode::kProvisioned) target = 0;
  log::StreamEdit edit;
  edit.mode = mode;
  edit.warm_throughput = log::StreamEdit::WarmThroughput{target, current};
  edit.pending = log::StreamEdit::Pending{ctx.now_ms + ctx.store.options().update_delay_ms, true};
  ctx.store.apply(found.value(), edit);
  return json(nullptr);
}

}  // namespace kinesisd::operations
