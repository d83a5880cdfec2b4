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

}  // namespace kinesisd::log
