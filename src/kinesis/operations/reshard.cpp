// SplitShard, MergeShards and UpdateShardCount on PROVISIONED streams: the
// parent shards close (reads continue until their end, then GetRecords names
// the children) and the children take over their hash keys at once; the stream
// is UPDATING for the configured update delay. Each holds the stream's edit
// lock from its status check to its last step. Texts follow the AWS API
// reference's error descriptions (SplitShard, MergeShards, UpdateShardCount).
#include "base/mutex.hpp"
#include "kinesis/log/hash_key.hpp"
#include "kinesis/log/uniform_scaling.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

Error shard_missing(uint32_t index, const log::Stream& stream) {
  return errors::resource_not_found("Could not find shard " + log::shard_id_for(index) +
                                    " in stream " + stream.name() + " under account " +
                                    stream.account() + ".");
}

// The indexes the ShardIds name (log::shard_index_of), in order; the first
// that names none is refused as given, before the stream is looked up
// (kinesalite's test/mergeShards.js and splitShard.js, checked against AWS).
protocol::Outcome<std::vector<uint32_t>> shard_indexes(const Context& ctx, const json& in,
                                                       std::initializer_list<const char*> members) {
  auto ref = stream_ref(ctx, in);
  if (!ref.ok()) return ref.error();
  std::vector<uint32_t> out;
  for (const char* member : members) {
    const auto& given = in.at(member).get_ref<const std::string&>();
    const auto index = log::shard_index_of(given);
    if (!index) return shard_unreadable(given, ref.value());
    out.push_back(*index);
  }
  return out;
}

// LimitExceeded when `added` more open shards would pass the region's limit.
std::optional<Error> over_limit(const Context& ctx, uint64_t added) {
  const uint64_t open = ctx.store.open_shards(ctx.account(), ctx.region);
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

// The reshard is planned, not made: the stream is UPDATING, its parent
// shards stay open and take the puts, and the children appear when the
// update's time has passed (log::carry_out_planned_reshard, at once when
// --update-stream-ms is 0).
void plan_reshard(const Context& ctx, const std::shared_ptr<log::Stream>& stream,
                  log::PlannedReshard plan, bool scaling = false) REQUIRES(stream->edit_mutex()) {
  const int64_t ready_at = ctx.now_ms + ctx.store.options().update_delay_ms;
  plan.at_ms = ready_at;
  log::StreamEdit edit;
  if (scaling) edit.scaling_at_ms = ctx.now_ms;
  edit.planned_reshard = std::move(plan);
  edit.pending = log::StreamEdit::Pending{ready_at, true};
  ctx.store.apply(stream, edit);
  log::carry_out_planned_reshard(ctx.store, stream, ctx.now_ms);
}

Error already_resharded(const log::Shard& shard, const log::Stream& stream) {
  return errors::resource_in_use("Shard " + shard.id() + " in stream " + stream.name() +
                                 " under account " + stream.account() +
                                 " has already been merged or split, and thus is not eligible "
                                 "for merging or splitting.");
}

constexpr uint64_t kMaxShardsPerStream = 10000;
constexpr size_t kScalingsPerDay = 10;
constexpr int64_t kDayMs = 24 * 3'600'000;

std::optional<Error> check_scaling(const Context& ctx, const log::Stream& stream, uint64_t open,
                                   uint64_t target) {
  const auto counts = ". Current open shard count: " + std::to_string(open) +
                      ", Target shard count: " + std::to_string(target);
  if (target > kMaxShardsPerStream || (open > kMaxShardsPerStream && target >= kMaxShardsPerStream))
    return errors::limit_exceeded(
        "Target shard count or number of open shards cannot be greater than " +
        std::to_string(kMaxShardsPerStream) + counts);
  if (target > open * 2)
    return errors::limit_exceeded(
        "UpdateShardCount cannot scale up over double your current open shard count" + counts);
  if (target * 2 < open)
    return errors::limit_exceeded(
        "UpdateShardCount cannot scale down below half your current open shard count" + counts);
  const auto scalings = stream.meta().scalings_ms;
  const auto recent = std::count_if(scalings.begin(), scalings.end(),
                                    [&](int64_t at) { return at > ctx.now_ms - kDayMs; });
  if (static_cast<size_t>(recent) >= kScalingsPerDay)
    return errors::limit_exceeded(
        "UpdateShardCount has been called " + std::to_string(recent) + " times for stream " +
        stream.name() + " under account " + stream.account() +
        " in the last 24 hours. Limit: " + std::to_string(kScalingsPerDay) + counts);
  if (target > open)
    if (auto e = over_limit(ctx, target - open)) return *e;
  return std::nullopt;
}

}  // namespace

// The order of checks is AWS's: the ShardIds, the stream, its state, the
// shard, the shard limit, the hash key.
Output split_shard(Context& ctx, const json& in) {
  auto indexes = shard_indexes(ctx, in, {"ShardToSplit"});
  if (!indexes.ok()) return indexes.error();
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  const auto& handle = found.value();
  auto& stream = *handle;
  base::MutexLock editing(handle->edit_mutex());
  if (auto e = check_updatable(ctx, stream, "SplitShard")) return *e;
  auto shard = stream.find_shard(indexes.value()[0]);
  if (!shard) return shard_missing(indexes.value()[0], stream);
  if (auto e = over_limit(ctx, 1)) return *e;
  const auto text = in.at("NewStartingHashKey").get<std::string>();
  const auto key = log::parse_hash_key(text);
  const auto& range = shard->range();
  if (!key || *key <= range.start + 1 || *key >= range.end)
    return errors::invalid_argument(
        "NewStartingHashKey " + text + " used in SplitShard() on shard " + shard->id() +
        " in stream " + stream.name() + " under account " + stream.account() +
        " is not both greater than one plus the shard's StartingHashKey " +
        log::to_decimal(range.start) + " and less than the shard's EndingHashKey " +
        log::to_decimal(range.end) + ".");
  if (shard->closed()) return already_resharded(*shard, stream);

  log::PlannedReshard plan;
  plan.kind = log::PlannedReshard::Kind::kSplit;
  plan.shard = shard->index();
  plan.key = text;
  plan_reshard(ctx, handle, std::move(plan));
  return json(nullptr);
}

// The ShardIds, the stream, its state, both shards, adjacency (in the order
// given: the first shard's hash keys must end where the second's begin).
Output merge_shards(Context& ctx, const json& in) {
  auto indexes = shard_indexes(ctx, in, {"ShardToMerge", "AdjacentShardToMerge"});
  if (!indexes.ok()) return indexes.error();
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  const auto& handle = found.value();
  auto& stream = *handle;
  base::MutexLock editing(handle->edit_mutex());
  if (auto e = check_updatable(ctx, stream, "MergeShards")) return *e;
  auto first = stream.find_shard(indexes.value()[0]);
  if (!first) return shard_missing(indexes.value()[0], stream);
  auto second = stream.find_shard(indexes.value()[1]);
  if (!second) return shard_missing(indexes.value()[1], stream);
  if (first->range().end == log::kMaxHashKey || first->range().end + 1 != second->range().start)
    return errors::invalid_argument("Shards " + first->id() + " and " + second->id() +
                                    " in stream " + stream.name() + " under account " +
                                    stream.account() +
                                    " are not an adjacent pair of shards eligible for merging");
  if (first->closed()) return already_resharded(*first, stream);
  if (second->closed()) return already_resharded(*second, stream);

  log::PlannedReshard plan;
  plan.kind = log::PlannedReshard::Kind::kMerge;
  plan.shard = first->index();
  plan.other_shard = second->index();
  plan_reshard(ctx, handle, std::move(plan));
  return json(nullptr);
}

Output update_shard_count(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  const auto& handle = found.value();
  auto& stream = *handle;
  const auto target = static_cast<uint64_t>(in.at("TargetShardCount").get<int64_t>());
  base::MutexLock editing(handle->edit_mutex());
  if (auto e = check_updatable(ctx, stream, "UpdateShardCount")) return *e;
  const uint64_t open = stream.open_shard_count();
  if (auto e = check_scaling(ctx, stream, open, target)) return *e;

  log::PlannedReshard plan;
  plan.kind = log::PlannedReshard::Kind::kScale;
  plan.target = static_cast<uint32_t>(target);
  plan_reshard(ctx, handle, std::move(plan), /*scaling=*/true);
  return json{{"StreamName", stream.name()},
              {"StreamARN", stream.arn()},
              {"CurrentShardCount", open},
              {"TargetShardCount", target}};
}

}  // namespace kinesisd::operations
