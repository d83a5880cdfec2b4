#include "kinesis/log/uniform_scaling.hpp"

#include <algorithm>

namespace kinesisd::log {

void split(StreamStore& store, const std::shared_ptr<Stream>& stream, const Shard& shard,
           HashKey new_start, int64_t now_ms) {
  const auto range = shard.range();
  const uint32_t next = stream->next_shard_index();
  StreamEdit edit;
  edit.reshard = StreamEdit::Reshard{
      {shard.index()},
      {ShardSpec{next, HashKeyRange{range.start, new_start - 1}, now_ms, shard.index(), {}},
       ShardSpec{next + 1, HashKeyRange{new_start, range.end}, now_ms, shard.index(), {}}},
      now_ms};
  store.apply(stream, edit);
}

std::shared_ptr<Shard> merge(StreamStore& store, const std::shared_ptr<Stream>& stream,
                             const Shard& left, const Shard& right, int64_t now_ms) {
  const uint32_t next = stream->next_shard_index();
  StreamEdit edit;
  edit.reshard =
      StreamEdit::Reshard{{left.index(), right.index()},
                          {ShardSpec{next, HashKeyRange{left.range().start, right.range().end},
                                     now_ms, left.index(), right.index()}},
                          now_ms};
  store.apply(stream, edit);
  return stream->shards()[next];
}

unsigned scale_uniformly(StreamStore& store, const std::shared_ptr<Stream>& stream, unsigned target,
                         int64_t now_ms) {
  const auto ranges = split_key_space(target);
  unsigned steps = 0;

  for (size_t i = 1; i < ranges.size(); ++i) {
    const HashKey boundary = ranges[i].start;
    auto shard = stream->route(boundary);
    if (!shard || shard->range().start == boundary) continue;
    split(store, stream, *shard, boundary, now_ms);
    ++steps;
  }

  // open_shards() is ordered by starting hash key and every open shard now
  // lies inside one target range, so each range's shards are a contiguous run.
  const auto open = stream->open_shards();
  size_t next = 0;
  for (const auto& range : ranges) {
    std::shared_ptr<Shard> merged;
    for (; next < open.size() && open[next]->range().end <= range.end; ++next) {
      if (!merged) {
        merged = open[next];
        continue;
      }
      merged = merge(store, stream, *merged, *open[next], now_ms);
      ++steps;
    }
  }
  return steps;
}

bool carry_out_planned_reshard(StreamStore& store, const std::shared_ptr<Stream>& stream,
                               int64_t now_ms) {
  if (!stream->reshard_due(now_ms)) return false;
  const auto meta = stream->meta();
  if (!meta.planned_reshard || meta.deleting_at_ms) return false;
  const auto& plan = *meta.planned_reshard;
  using Kind = PlannedReshard::Kind;
  if (plan.kind == Kind::kSplit) {
    const auto shard = stream->find_shard(plan.shard);
    const auto key = parse_hash_key(plan.key);
    if (shard && !shard->closed() && key && *key > shard->range().start &&
        *key <= shard->range().end)
      split(store, stream, *shard, *key, now_ms);
  } else if (plan.kind == Kind::kMerge) {
    const auto left = stream->find_shard(plan.shard);
    const auto right = stream->find_shard(plan.other_shard);
    if (left && right && !left->closed() && !right->closed() &&
        left->range().end + 1 == right->range().start)
      merge(store, stream, *left, *right, now_ms);
  } else {
    scale_uniformly(store, stream, plan.target, now_ms);
  }
  StreamEdit done;
  done.planned_reshard_done = true;
  store.apply(stream, done);
  return true;
}

}  // namespace kinesisd::log
