// RegisterStreamConsumer, DescribeStreamConsumer, ListStreamConsumers and
// DeregisterStreamConsumer. A consumer is CREATING for --create-stream-ms,
// then ACTIVE; deregistered, it is DELETING for --delete-stream-ms, then gone.
// At most 20 per stream and 5 CREATING at once (LimitExceededException).
#include "base/mutex.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/consumer_lookup.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"
#include "protocol/page_token.hpp"

namespace kinesisd::operations {
namespace {

json consumer_json(const log::Consumer& c, int64_t now_ms) {
  return {{"ConsumerName", c.name},
          {"ConsumerARN", c.arn},
          {"ConsumerStatus", log::to_string(c.status(now_ms))},
          {"ConsumerCreationTimestamp", epoch_seconds(c.created_ms)}};
}

protocol::Outcome<std::shared_ptr<log::Stream>> stream_by_arn(const Context& ctx, const json& in) {
  return find_stream(ctx, json{{"StreamARN", in.at("StreamARN")}});
}

}  // namespace

Output register_stream_consumer(Context& ctx, const json& in) {
  auto found = stream_by_arn(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  if (const auto status = stream.status(ctx.now_ms);
      status == log::StreamStatus::kCreating || status == log::StreamStatus::kDeleting)
    return not_active(stream, status);
  const auto name = in.at("ConsumerName").get<std::string>();
  std::map<std::string, std::string> tags;
  if (const auto* t = member(in, "Tags"))
    for (const auto& [k, v] : t->items()) tags[k] = v.is_null() ? "" : v.get<std::string>();
  if (tags.size() > 50)
    return errors::invalid_argument("Failed to register consumer " + name + " because a given " +
                                    "tag exceeded the limit of 50 tags per consumer.");

  base::MutexLock editing(stream.edit_mutex());
  log::Consumer consumer;
  switch (stream.can_register_consumer(name, ctx.now_ms, &consumer)) {
    case log::ConsumerRegistry::Refusal::kNone:
      break;
    case log::ConsumerRegistry::Refusal::kExists:
      return errors::resource_in_use("Consumer " + consumer.arn + " under account " +
                                     ctx.account() + " already exists.");
    case log::ConsumerRegistry::Refusal::kTooMany:
      return errors::limit_exceeded("Stream " + stream.name() + " under account " + ctx.account() +
                                    " already has " + std::to_string(log::kMaxConsumersPerStream) +
                                    " registered consumers, the maximum per stream.");
    case log::ConsumerRegistry::Refusal::kTooManyCreating:
      return errors::limit_exceeded("Stream " + stream.name() + " under account " + ctx.account() +
                                    " already has " + std::to_string(log::kMaxCreatingConsumers) +
                                    " consumers in CREATING state; retry when they are ACTIVE.");
  }
  consumer.name = name;
  consumer.arn = protocol::consumer_arn(stream.arn(), name, ctx.now_ms);
  consumer.created_ms = ctx.now_ms;
  consumer.ready_at_ms = ctx.now_ms + ctx.store.options().create_delay_ms;
  consumer.tags = std::move(tags);
  log::StreamEdit edit;
  edit.consumer_registered = consumer;
  ctx.store.apply(found.value(), edit);
  return json{{"Consumer", consumer_json(consumer, ctx.now_ms)}};
}

Output describe_stream_consumer(Context& ctx, const json& in) {
  auto found = find_consumer(ctx, in);
  if (!found.ok()) return found.error();
  const auto& [stream, consumer] = found.value();
  json d = consumer_json(consumer, ctx.now_ms);
  d["StreamARN"] = stream->arn();
  return json{{"ConsumerDescription", std::move(d)}};
}

Output deregister_stream_consumer(Context& ctx, const json& in) {
  auto found = find_consumer(ctx, in);
  if (!found.ok()) return found.error();
  const auto& [stream, consumer] = found.value();
  log::StreamEdit edit;
  edit.consumer_deregistered = log::StreamEdit::ConsumerDeregistration{
      consumer.name, ctx.now_ms, ctx.now_ms + ctx.store.options().delete_delay_ms};
  ctx.store.apply(stream, edit);
  return json(nullptr);
}

Output list_stream_consumers(Context& ctx, const json& in) {
  auto found = stream_by_arn(ctx, in);
  if (!found.ok()) return found.error();
  const auto& stream = *found.value();
  if (auto created = opt_time_ms(in, "StreamCreationTimestamp");
      created && *created / 1000 != stream.created_ms() / 1000)
    return errors::resource_not_found(stream_not_found_message(stream.name(), ctx.account()));
  const auto limit = static_cast<size_t>(opt_int(in, "MaxResults").value_or(100));
  std::optional<std::string> after;
  if (auto token_text = opt_string(in, "NextToken")) {
    auto token = protocol::decode_page_token(ctx.signer, *token_text);
    if (!token || token->kind != protocol::PageKind::kConsumers || token->region != ctx.region ||
        token->stream != stream.name())
      return errors::invalid_argument("Invalid NextToken.");
    if (ctx.now_ms - token->issued_ms > protocol::kPageTokenLifetimeMs)
      return errors::expired_next_token("The requested token has expired.");
    after = token->after;
  }
  json list = json::array();
  bool more = false;
  for (const auto& c : stream.consumers(ctx.now_ms)) {
    if (after && c.name <= *after) continue;
    if (list.size() == limit) {
      more = true;
      break;
    }
    list.push_back(consumer_json(c, ctx.now_ms));
  }
  json out{{"Consumers", list}};
  if (more) {
    protocol::PageToken token{protocol::PageKind::kConsumers, ctx.now_ms, ctx.region, stream.name(),
                              list.back().at("ConsumerName").get<std::string>()};
    out["NextToken"] = protocol::encode_page_token(ctx.signer, token);
  }
  return out;
}

}  // namespace kinesisd::operations
