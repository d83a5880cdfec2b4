// SubscribeToShard: checks the consumer (ACTIVE), the shard and the starting
// position, claims the consumer's slot on the shard, and hands the transport
// a ShardSubscription to stream. Errors before the stream starts are ordinary
// JSON errors; later ones are exception messages inside the stream.
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/consumer_lookup.hpp"
#include "kinesis/operations/dry_run.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/key_use.hpp"
#include "kinesis/operations/shard_subscription.hpp"
#include "kinesis/operations/starting_position.hpp"
#include "kinesis/operations/stream_lookup.hpp"
#include "protocol/cbor.hpp"
#include "protocol/response.hpp"

namespace kinesisd::operations {

Output subscribe_to_shard(Context& ctx, const json& in) {
  auto found = find_consumer(ctx, json{{"ConsumerARN", in.at("ConsumerARN")}});
  if (!found.ok()) return found.error();
  const auto& [stream, consumer] = found.value();
  if (const auto status = consumer.status(ctx.now_ms); status != log::ConsumerStatus::kActive)
    return errors::resource_in_use("Consumer " + consumer.arn + " under account " + ctx.account() +
                                   " is not in ACTIVE state, instead in state " +
                                   log::to_string(status) + ".");
  const auto shard_id = *canonical_shard_id(in.at("ShardId").get<std::string>());
  auto shard = stream->find_shard(shard_id);
  if (!shard) return errors::resource_not_found(shard_not_found_message(shard_id, *stream));
  const bool dry = dry_run(in);
  if (!dry)
    if (auto denied = use_stream_key(ctx, *stream, kReadKeyAction)) return *denied;

  const auto& start = in.at("StartingPosition");
  StartingPosition at{start.at("Type").get<std::string>(), opt_string(start, "SequenceNumber"),
                      opt_time_ms(start, "Timestamp")};
  auto position = resolve_position(ctx, *stream, *shard, at, "SubscribeToShard");
  if (!position.ok()) return position.error();
  if (dry) return dry_run_answer(ctx, *stream);  // no subscription is made

  // One call per second per consumer and shard (--limits aws; the
  // SubscribeToShard reference). AWS's text for it is not recorded anywhere
  // we found: this one names the consumer and the shard.
  if (stream->limited() && !shard->throughput().admit_subscribe(ctx.now_ms, consumer.name)) {
    ctx.store.throttles().add("SubscribeToShard", stream->name(), shard->id());
    return errors::limit_exceeded("Rate exceeded for consumer " + consumer.arn + " on shard " +
                                  shard->id() + " under account " + ctx.account() + ".");
  }
  const auto key = ShardSubscription::claim_key(consumer.name, shard->id());
  const uint64_t generation = stream->subscriptions().claim(key, ctx.now_ms);
  if (generation == 0)
    return errors::resource_in_use("Another active subscription exists for consumer " +
                                   consumer.arn + " on shard " + shard->id() +
                                   ". Retry after 5 seconds.");
  return Reply::streaming(std::make_shared<ShardSubscription>(
      ctx.store.clock(), stream, consumer.name, std::move(shard), position.value(), generation,
      std::string(ctx.content_type == protocol::kAmzCbor ? protocol::kAmzCbor
                                                         : protocol::kAmzJson)));
}

}  // namespace kinesisd::operations
