// DescribeLimits: the region's shard limit (--shard-limit), its open shards,
// its on-demand streams against the default quota of 50, and its channels
// against twice that: "each stream can have a maximum of two deliveries" and
// the on-demand streams' quota bounds them ("Delivery quotas and limits").
#include "kinesis/channels/channel_registry.hpp"
#include "kinesis/operations/catalog.hpp"

namespace kinesisd::operations {

constexpr int kOnDemandStreamLimit = 50;

Output describe_limits(Context& ctx, const json&) {
  int on_demand = 0;
  for (const auto& stream : ctx.store.list(ctx.account(), ctx.region))
    if (stream->meta().mode == log::StreamMode::kOnDemand) ++on_demand;
  return json{
      {"ShardLimit", ctx.store.options().shard_limit},
      {"OpenShardCount", ctx.store.open_shards(ctx.account(), ctx.region)},
      {"OnDemandStreamCount", on_demand},
      {"OnDemandStreamCountLimit", kOnDemandStreamLimit},
      {"ChannelCount", ctx.channels ? ctx.channels->list(ctx.account(), ctx.region).size() : 0},
      {"ChannelCountLimit", 2 * kOnDemandStreamLimit}};
}

}  // namespace kinesisd::operations
