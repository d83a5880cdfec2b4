// UpdateStreamMode: PROVISIONED <-> ON_DEMAND. The stream goes UPDATING for
// the configured update delay; its shards stay as they are.
#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/stream_lookup.hpp"

namespace kinesisd::operations {

Output update_stream_mode(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  const auto mode = in.at("StreamModeDetails").at("StreamMode").get<std::string>();
  const int64_t delay = ctx.store.options().update_delay_ms;
  stream.update_meta([&](log::StreamMeta& meta) {
    meta.mode = mode == "ON_DEMAND" ? log::StreamMode::kOnDemand : log::StreamMode::kProvisioned;
    meta.ready_at_ms = ctx.now_ms + delay;
    meta.updating = true;
  });
  return json(nullptr);
}

}  // namespace kinesisd::operations
