// StartStreamEncryption and StopStreamEncryption: server-side encryption with
// a KMS key. The stream goes UPDATING for the configured update delay; records
// written from then on carry EncryptionType KMS (or NONE after a stop), and
// DescribeStream reports EncryptionType and KeyId.
#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

Output set_encryption(Context& ctx, const json& in, bool start) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  const auto type = in.at("EncryptionType").get<std::string>();
  if (type != "KMS")
    return errors::invalid_argument("Invalid EncryptionType " + type +
                                    ". The only valid value is KMS.");
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  const auto key = in.at("KeyId").get<std::string>();
  const int64_t delay = ctx.store.options().update_delay_ms;
  stream.update_meta([&](log::StreamMeta& meta) {
    meta.encryption_type = start ? "KMS" : "NONE";
    meta.key_id = start ? key : "";
    meta.ready_at_ms = ctx.now_ms + delay;
    meta.updating = true;
  });
  return json(nullptr);
}

}  // namespace

Output start_stream_encryption(Context& ctx, const json& in) {
  return set_encryption(ctx, in, true);
}

Output stop_stream_encryption(Context& ctx, const json& in) {
  return set_encryption(ctx, in, false);
}

}  // namespace kinesisd::operations
