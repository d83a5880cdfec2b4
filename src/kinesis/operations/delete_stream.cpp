// DeleteStream: CREATING, ACTIVE or UPDATING -> DELETING for
// --delete-stream-ms, then gone. Records stay readable while DELETING, as in
// AWS. A stream still CREATING may be deleted (kinesalite's
// test/deleteStream.js, checked against AWS). A stream with registered
// consumers needs EnforceConsumerDeletion.
#include "base/mutex.hpp"
#include "kinesis/channels/channel_registry.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {

Output delete_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  base::MutexLock editing(stream.edit_mutex());
  const auto status = stream.status(ctx.now_ms);
  if (status == log::StreamStatus::kDeleting) return not_active(stream, status);
  if (!opt_bool(in, "EnforceConsumerDeletion").value_or(false) &&
      stream.consumer_count(ctx.now_ms) > 0)
    return errors::resource_in_use("Stream " + stream.name() + " under account " +
                                   stream.account() +
                                   " has registered consumers; deregister them or set "
                                   "EnforceConsumerDeletion.");
  // A channel reads only its stream, so the stream goes after its channels.
  if (ctx.channels)
    for (const auto& channel : ctx.channels->reading(stream.arn()))
      if (channel->status(ctx.now_ms) != "DELETING")
        return errors::resource_in_use("Stream " + stream.name() + " under account " +
                                       stream.account() + " is read by channel " +
                                       channel->definition().name + "; delete the channel first.");
  log::StreamEdit edit;
  edit.deletion =
      log::StreamEdit::Deletion{ctx.now_ms, ctx.now_ms + ctx.store.options().delete_delay_ms};
  ctx.store.apply(found.value(), edit);
  return json(nullptr);
}

}  // namespace kinesisd::operations
