// UpdateStreamMode: PROVISIONED <-> ON_DEMAND. The stream goes UPDATING for
// the configured update delay; its shards stay as they are.
#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/stream_lookup.hpp"
#include "operations/warm_throughput.hpp"

namespace kinesisd::operations {

Output update_stream_mode(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  const auto mode_name = in.at("StreamModeDetails").at("StreamMode").get<std::string>();
  const auto mode =
      mode_name == "ON_DEMAND" ? log::StreamMode::kOnDemand : log::StreamMode::kProvisioned;
  const auto warm = opt_int(in, "WarmThroughputMiBps");
  if (warm)
    if (auto e = check_warm_throughput(ctx, mode, *warm)) return *e;
  const int64_t delay = ctx.store.options().update_delay_ms;
  stream.update_meta([&](log::StreamMeta& meta) {
    meta.mode = mode;
    meta.warm_throughput_previous_mibps = meta.warm_throughput_mibps;
    if (warm) meta.warm_throughput_mibps = static_cast<int>(*warm);
    if (mode == log::StreamMode::kProvisioned) meta.warm_throughput_mibps = 0;
    meta.ready_at_ms = ctx.now_ms + delay;
    meta.updating = true;
  });
  return json(nullptr);
}

}  // namespace kinesisd::operations
