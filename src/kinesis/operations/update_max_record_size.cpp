// UpdateMaxRecordSize: the stream's largest record, 1024 to 10240 KiB (the
// model's range; outside it is a ValidationException). Puts enforce the new
// size at once.
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {

Output update_max_record_size(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  const int kib = in.at("MaxRecordSizeInKiB").get<int>();
  log::StreamEdit edit;
  edit.max_record_size_kib = kib;
  ctx.store.apply(found.value(), edit);
  return json(nullptr);
}

}  // namespace kinesisd::operations
