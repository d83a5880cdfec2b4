// DeleteStream: ACTIVE (or UPDATING) -> DELETING for --delete-stream-ms, then
// gone. Records stay readable while DELETING, as in AWS.
#include "operations/catalog.hpp"
#include "operations/stream_lookup.hpp"

namespace kinesisd::operations {

Output delete_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  const auto status = stream.status(ctx.now_ms);
  if (status == log::StreamStatus::kCreating || status == log::StreamStatus::kDeleting)
    return not_active(stream, status);
  stream.begin_delete(ctx.now_ms, ctx.store.options().delete_delay_ms);
  return json(nullptr);
}

}  // namespace kinesisd::operations
