// DescribeStreamSummary: the stream without its shard list.
#include "kinesis/channels/channel_registry.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/stream_description.hpp"
#include "kinesis/operations/stream_lookup.hpp"
#include "kinesis/operations/warm_throughput.hpp"

namespace kinesisd::operations {

Output describe_stream_summary(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  const auto& stream = *found.value();
  json d = describe_stream_common(stream, ctx.now_ms);
  // None before the stream is created, as DescribeStream lists none then.
  d["OpenShardCount"] = stream.meta().created(ctx.now_ms) ? stream.open_shard_count() : 0;
  d["ConsumerCount"] = stream.consumer_count(ctx.now_ms);
  d["ChannelCount"] = ctx.channels ? ctx.channels->reading(stream.arn()).size() : 0;
  d["MaxRecordSizeInKiB"] = stream.meta().max_record_size_kib;
  d["RecordDistributionStrategy"] = log::to_string(stream.meta().distribution);
  if (auto warm = warm_throughput_of(stream, ctx.now_ms); !warm.is_null())
    d["WarmThroughput"] = std::move(warm);
  return json{{"StreamDescriptionSummary", std::move(d)}};
}

}  // namespace kinesisd::operations
