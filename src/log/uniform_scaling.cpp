#include "log/uniform_scaling.hpp"

#include <algorithm>

namespace kinesisd::log {

void split(Stream& stream, const std::shared_ptr<Shard>& shard, HashKey new_start, int64_t now_ms,
           const LogFactory& new_log) {
  const auto range = shard->range();
  const uint32_t next = stream.next_shard_index();
  std::vector<std::shared_ptr<Shard>> children = {
      std::make_shared<Shard>(next, HashKeyRange{range.start, new_start - 1}, now_ms, new_log(),
                              shard->id()),
      std::make_shared<Shard>(next + 1, HashKeyRange{new_start, range.end}, now_ms, new_log(),
                              shard->id())};
  stream.reshard({shard}, std::move(children), now_ms);
}

std::shared_ptr<Shard> merge(Stream& stream, const std::shared_ptr<Shard>& left,
                             const std::shared_ptr<Shard>& right, int64_t now_ms,
                             const LogFactory& new_log) {
  auto child = std::make_shared<Shard>(stream.next_shard_index(),
                                       HashKeyRange{left->range().start, right->range().end},
                                       now_ms, new_log(), left->id(), right->id());
  stream.reshard({left, right}, {child}, now_ms);
  return child;
}

unsigned scale_uniformly(Stream& stream, unsigned target, int64_t now_ms,
                         const LogFactory& new_log) {
  const auto ranges = split_key_space(target);
  unsigned steps = 0;

  for (size_t i = 1; i < ranges.size(); ++i) {
    const HashKey boundary = ranges[i].start;
    auto shard = stream.route(boundary);
    if (!shard || shard->range().start == boundary) continue;
    split(stream, shard, boundary, now_ms, new_log);
    ++steps;
  }

  // open_shards() is ordered by starting hash key and every open shard now
  // lies inside one target range, so each range's shards are a contiguous run.
  const auto open = stream.open_shards();
  size_t next = 0;
  for (const auto& range : ranges) {
    std::shared_ptr<Shard> merged;
    for (; next < open.size() && open[next]->range().end <= range.end; ++next) {
      if (!merged) {
        merged = open[next];
        continue;
      }
      merged = merge(stream, merged, open[next], now_ms, new_log);
      ++steps;
    }
  }
  return steps;
}

}  // namespace kinesisd::log
