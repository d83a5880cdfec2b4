// StartStreamEncryption and StopStreamEncryption: server-side encryption with
// a KMS key. The stream goes UPDATING for the configured update delay; records
// written from then on carry EncryptionType KMS (or NONE after a stop), and
// DescribeStream reports EncryptionType and KeyId.
#include "base/mutex.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

Output set_encryption(Context& ctx, const json& in, bool start) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  base::MutexLock editing(stream.edit_mutex());
  const auto type = in.at("EncryptionType").get<std::string>();
  if (type != "KMS")
    return errors::invalid_argument("Invalid EncryptionType " + type +
                                    ". The only valid value is KMS.");
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  const auto key = in.at("KeyId").get<std::string>();
  log::StreamEdit edit;
  edit.encryption = log::StreamEdit::Encryption{start ? "KMS" : "NONE", start ? key : ""};
  edit.pending = log::StreamEdit::Pending{ctx.now_ms + ctx.store.options().update_delay_ms, true};
  ctx.store.apply(found.value(), edit);
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
