// SplitShard and MergeShards on PROVISIONED streams: the parent shards close
// (reads continue until their end, then GetRecords names the children) and the
// children take over their hash keys at once; the stream is UPDATING for the
// configured update delay. Texts follow AWS (KINESIS_WIRE.md §4).
#include "log/hash_key.hpp"
#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

Error shard_missing(std::string_view id, const log::Stream& stream) {
  return errors::resource_not_found("Could not find shard " + std::string(id) + " in stream " +
                                    stream.name() + " under account " + stream.account() + ".");
}

// LimitExceeded when `added` more open shards would pass the region's limit.
std::optional<Error> over_limit(const Context& ctx, uint64_t added) {
  const uint64_t open = ctx.store.open_shards(ctx.region);
  const uint64_t limit = ctx.store.options().shard_limit;
  if (open + added <= limit) return std::nullopt;
  return errors::limit_exceeded(
      "This request would exceed the shard limit for the account " + ctx.account() + " in " +
      ctx.region + ". Current shard count for the account: " + std::to_string(open) +
      ". Limit: " + std::to_string(limit) +
      ". Number of additional shards that would have resulted from this request: " +
      std::to_string(added) +
      ". Refer to the AWS Service Limits page "
      "(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits "
      "and how to request higher limits.");
}

std::optional<Error> check_updatable(const Context& ctx, log::Stream& stream,
                                     const char* operation) {
  if (const auto status = stream.status(ctx.now_ms); status != log::StreamStatus::kActive)
    return not_active(stream, status);
  if (stream.meta().mode == log::StreamMode::kOnDemand)
    return errors::validation(std::string(operation) + " is not supported for stream " +
                              stream.name() + " in ON_DEMAND mode.");
  return std::nullopt;
}

void mark_updating(const Context& ctx, log::Stream& stream) {
  const int64_t delay = ctx.store.options().update_delay_ms;
  stream.update_meta([&](log::StreamMeta& meta) {
    meta.ready_at_ms = ctx.now_ms + delay;
    meta.updating = true;
  });
}

Error already_resharded(const log::Shard& shard, const log::Stream& stream) {
  return errors::resource_in_use("Shard " + shard.id() + " in stream " + stream.name() +
                                 " under account " + stream.account() +
                                 " has already been merged or split, and thus is not eligible "
                                 "for merging or splitting.");
}

}  // namespace

Output split_shard(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  const auto id = in.at("ShardToSplit").get<std::string>();
  auto shard = stream.find_shard(id);
  if (!shard) return shard_missing(id, stream);
  if (auto e = over_limit(ctx, 1)) return *e;
  const auto text = in.at("NewStartingHashKey").get<std::string>();
  const auto key = log::parse_hash_key(text);
  const auto& range = shard->range();
  if (!key || *key <= range.start + 1 || *key >= range.end)
    return errors::invalid_argument(
        "NewStartingHashKey " + text + " used in SplitShard() on shard " + id + " in stream " +
        stream.name() + " under account " + stream.account() +
        " is not both greater than one plus the shard's StartingHashKey " +
        log::to_decimal(range.start) + " and less than the shard's EndingHashKey " +
        log::to_decimal(range.end) + ".");
  if (auto e = check_updatable(ctx, stream, "SplitShard")) return *e;
  if (shard->closed()) return already_resharded(*shard, stream);

  const uint32_t next = stream.next_shard_index();
  std::vector<std::shared_ptr<log::Shard>> children = {
      std::make_shared<log::Shard>(next, log::HashKeyRange{range.start, *key - 1}, ctx.now_ms,
                                   ctx.store.new_log(), shard->id()),
      std::make_shared<log::Shard>(next + 1, log::HashKeyRange{*key, range.end}, ctx.now_ms,
                                   ctx.store.new_log(), shard->id())};
  stream.reshard({shard}, std::move(children), ctx.now_ms);
  mark_updating(ctx, stream);
  return json(nullptr);
}

Output merge_shards(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  const auto first_id = in.at("ShardToMerge").get<std::string>();
  const auto second_id = in.at("AdjacentShardToMerge").get<std::string>();
  auto first = stream.find_shard(first_id);
  if (!first) return shard_missing(first_id, stream);
  auto second = stream.find_shard(second_id);
  if (!second) return shard_missing(second_id, stream);
  if (first->range().end == log::kMaxHashKey || first->range().end + 1 != second->range().start)
    return errors::invalid_argument("Shards " + first_id + " and " + second_id + " in stream " +
                                    stream.name() + " under account " + stream.account() +
                                    " are not an adjacent pair of shards eligible for merging");
  if (auto e = check_updatable(ctx, stream, "MergeShards")) return *e;
  if (first->closed()) return already_resharded(*first, stream);
  if (second->closed()) return already_resharded(*second, stream);

  auto child = std::make_shared<log::Shard>(
      stream.next_shard_index(), log::HashKeyRange{first->range().start, second->range().end},
      ctx.now_ms, ctx.store.new_log(), first->id(), second->id());
  stream.reshard({first, second}, {child}, ctx.now_ms);
  mark_updating(ctx, stream);
  return json(nullptr);
}

}  // namespace kinesisd::operations
