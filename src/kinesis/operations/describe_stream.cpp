// DescribeStream: the stream and up to Limit (default and at most 100) shards
// after ExclusiveStartShardId, in shard-id order.
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/shard_description.hpp"
#include "kinesis/operations/stream_description.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {

Output describe_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  const auto& stream = *found.value();
  const auto limit =
      static_cast<size_t>(std::min<int64_t>(opt_int(in, "Limit").value_or(100), 100));
  const auto start_after = canonical_shard_id(opt_string(in, "ExclusiveStartShardId"));

  json shards = json::array();
  bool more = false;
  // No shards before the stream is created (kinesalite's test/createStream.js
  // and deleteStream.js, checked against AWS: CREATING, and DELETING after a
  // delete during CREATING, both list none).
  const bool created = stream.meta().created(ctx.now_ms);
  for (const auto& shard : created ? stream.shards() : std::vector<std::shared_ptr<log::Shard>>{}) {
    if (start_after && shard->id() <= *start_after) continue;
    if (shards.size() == limit) {
      more = true;
      break;
    }
    shards.push_back(describe_shard(*shard));
  }
  json d = describe_stream_common(stream, ctx.now_ms);
  d["Shards"] = std::move(shards);
  d["HasMoreShards"] = more;
  return json{{"StreamDescription", std::move(d)}};
}

}  // namespace kinesisd::operations
