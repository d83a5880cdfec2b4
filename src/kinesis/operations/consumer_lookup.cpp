#include "kinesis/operations/consumer_lookup.hpp"

#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {

Error consumer_not_found(std::string_view what, std::string_view account) {
  return errors::resource_not_found("Consumer " + std::string(what) + " under account " +
                                    std::string(account) + " not found.");
}

protocol::Outcome<FoundConsumer> find_consumer_by_arn(const Context& ctx, std::string_view arn) {
  const auto ref = protocol::parse_consumer_arn(arn);
  if (!ref) return errors::invalid_argument("Invalid ConsumerARN " + std::string(arn) + ".");
  auto stream = ctx.store.find(ref->stream.account, ref->stream.region, ref->stream.name);
  if (!stream) return consumer_not_found(arn, ref->stream.account);
  settle_reshard(ctx, stream);
  auto consumer = stream->consumer(ref->name, ctx.now_ms);
  // The creation time in the ARN tells apart consumers re-registered under one name.
  if (!consumer || consumer->created_ms / 1000 != ref->created_s)
    return consumer_not_found(arn, ref->stream.account);
  return FoundConsumer{std::move(stream), std::move(*consumer)};
}

protocol::Outcome<FoundConsumer> find_consumer(const Context& ctx, const json& in) {
  if (auto arn = opt_string(in, "ConsumerARN")) return find_consumer_by_arn(ctx, *arn);
  const auto stream_arn = opt_string(in, "StreamARN");
  const auto name = opt_string(in, "ConsumerName");
  if (!stream_arn || !name)
    return errors::invalid_argument(
        "Either ConsumerARN or both ConsumerName and StreamARN must be provided.");
  auto found = find_stream(ctx, json{{"StreamARN", *stream_arn}});
  if (!found.ok()) return found.error();
  auto consumer = found.value()->consumer(*name, ctx.now_ms);
  if (!consumer)
    return consumer_not_found(*name + " in stream " + found.value()->name(), ctx.account());
  return FoundConsumer{found.value(), std::move(*consumer)};
}

}  // namespace kinesisd::operations
