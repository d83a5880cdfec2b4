#include "kinesis/operations/stream_lookup.hpp"

#include "kinesis/log/uniform_scaling.hpp"
#include "kinesis/operations/input.hpp"

namespace kinesisd::operations {

std::string stream_not_found_message(std::string_view name, std::string_view account) {
  return "Stream " + std::string(name) + " under account " + std::string(account) + " not found.";
}

std::string shard_not_found_message(std::string_view shard_id, const log::Stream& stream) {
  return "Shard " + std::string(shard_id) + " in stream " + stream.name() + " under account " +
         stream.account() + " does not exist";
}

std::string shard_not_found_message(std::string_view shard_id, const StreamRef& stream) {
  return "Shard " + std::string(shard_id) + " in stream " + stream.name + " under account " +
         stream.account + " does not exist";
}

std::optional<std::string> canonical_shard_id(std::optional<std::string> given) {
  if (!given) return given;
  if (const auto index = log::shard_index_of(*given)) return log::shard_id_for(*index);
  return given;
}

Error shard_unreadable(std::string_view given, const StreamRef& stream) {
  return errors::resource_not_found("Could not find shard " + std::string(given) + " in stream " +
                                    stream.name + " under account " + stream.account + ".");
}

Error not_active(const log::Stream& stream, log::StreamStatus status) {
  return errors::resource_in_use("Stream " + stream.name() + " under account " + stream.account() +
                                 " not ACTIVE, instead in state " + log::to_string(status));
}

protocol::Outcome<StreamRef> stream_ref(const Context& ctx, const json& input) {
  return stream_ref(ctx, opt_string(input, "StreamName"), opt_string(input, "StreamARN"));
}

protocol::Outcome<StreamRef> stream_ref(const Context& ctx, const std::optional<std::string>& name,
                                        const std::optional<std::string>& arn) {
  if (!name && !arn)
    return errors::invalid_argument("Either StreamName or StreamARN must be provided.");
  if (!arn) return StreamRef{ctx.region, ctx.account(), *name};
  auto ref = parse_stream_arn(*arn);
  if (!ref) return errors::invalid_argument("Invalid StreamARN " + *arn + ".");
  if (name && *name != ref->name)
    return errors::invalid_argument("StreamName " + *name + " and StreamARN " + *arn +
                                    " do not refer to the same stream.");
  return *ref;
}

protocol::Outcome<std::shared_ptr<log::Stream>> find_stream(const Context& ctx, const json& input) {
  return find_stream(ctx, opt_string(input, "StreamName"), opt_string(input, "StreamARN"));
}

protocol::Outcome<std::shared_ptr<log::Stream>> find_stream(const Context& ctx,
                                                            const std::optional<std::string>& name,
                                                            const std::optional<std::string>& arn) {
  auto ref = stream_ref(ctx, name, arn);
  if (!ref.ok()) return ref.error();
  const auto& r = ref.value();
  const auto& resolved = ctx.resolved_stream;
  auto stream = resolved && resolved->name() == r.name && resolved->account() == r.account &&
                        resolved->region() == r.region
                    ? resolved
                    : ctx.store.find(r.account, r.region, r.name);
  if (!stream) return errors::resource_not_found(stream_not_found_message(r.name, r.account));
  settle_reshard(ctx, stream);
  return stream;
}

void settle_reshard(const Context& ctx, const std::shared_ptr<log::Stream>& stream) {
  if (!stream->reshard_due(ctx.now_ms)) return;
  base::MutexLock editing(stream->edit_mutex());
  log::carry_out_planned_reshard(ctx.store, stream, ctx.now_ms);
}

}  // namespace kinesisd::operations
