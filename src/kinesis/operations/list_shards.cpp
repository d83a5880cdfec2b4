// ListShards: shards in id order, filtered by ShardFilter, paged by NextToken
// (default 1000 a page). As in AWS, NextToken excludes StreamName, StreamARN,
// ExclusiveStartShardId and ShardFilter (the CLI paginator trips on this
// against AWS too: aws/aws-cli#9635).
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/shard_description.hpp"
#include "kinesis/operations/stream_lookup.hpp"
#include "protocol/page_token.hpp"

namespace kinesisd::operations {
namespace {

// Whether a shard passes the filter. A shard is "open at t" when created at or
// before t and not closed before t.
struct Filter {
  std::string type = "FROM_TRIM_HORIZON";
  std::optional<std::string> shard_id;
  std::optional<int64_t> timestamp_ms;
};

bool open_at(const log::Shard& s, int64_t t) {
  return s.created_ms() <= t && (!s.closed() || s.closed_at_ms() >= t);
}

bool passes(const Filter& f, const log::Shard& s, int64_t trim_horizon_ms) {
  if (f.type == "AT_LATEST") return !s.closed();
  if (f.type == "AT_TRIM_HORIZON") return open_at(s, trim_horizon_ms);
  if (f.type == "FROM_TRIM_HORIZON") return !s.closed() || s.closed_at_ms() >= trim_horizon_ms;
  if (f.type == "AT_TIMESTAMP") return open_at(s, *f.timestamp_ms);
  if (f.type == "FROM_TIMESTAMP") return !s.closed() || s.closed_at_ms() >= *f.timestamp_ms;
  if (f.type == "AFTER_SHARD_ID") return s.id() > *f.shard_id;
  return true;
}

}  // namespace

Output list_shards(Context& ctx, const json& in) {
  const auto token_text = opt_string(in, "NextToken");
  const bool has_name = member(in, "StreamName") != nullptr;
  const bool has_arn = member(in, "StreamARN") != nullptr;
  std::optional<std::string> after = canonical_shard_id(opt_string(in, "ExclusiveStartShardId"));
  const auto* filter_json = member(in, "ShardFilter");

  std::shared_ptr<log::Stream> stream;
  if (token_text) {
    if (has_name)
      return errors::invalid_argument("NextToken and StreamName cannot be provided together.");
    if (has_arn)
      return errors::invalid_argument("NextToken and StreamARN cannot be provided together.");
    if (after)
      return errors::invalid_argument(
          "NextToken and ExclusiveStartShardId cannot be provided together.");
    if (filter_json)
      return errors::invalid_argument("NextToken and ShardFilter cannot be provided together.");
    auto token = protocol::decode_page_token(ctx.signer, *token_text);
    if (!token || token->kind != protocol::PageKind::kShards)
      return errors::invalid_argument("Invalid NextToken.");
    if (ctx.now_ms - token->issued_ms > protocol::kPageTokenLifetimeMs)
      return errors::expired_next_token("The requested token has expired.");
    stream = ctx.store.find(ctx.account(), token->region, token->stream);
    if (!stream)
      return errors::resource_not_found(stream_not_found_message(token->stream, ctx.account()));
    settle_reshard(ctx, stream);
    after = token->after;
  } else {
    if (!has_name && !has_arn)
      return errors::invalid_argument("Either NextToken or StreamName should be provided.");
    auto found = find_stream(ctx, in);
    if (!found.ok()) return found.error();
    stream = found.value();
  }
  const auto status = stream->status(ctx.now_ms);
  if (status == log::StreamStatus::kCreating) return not_active(*stream, status);

  Filter filter;
  if (filter_json) {
    filter.type = *opt_string(*filter_json, "Type");
    filter.shard_id = canonical_shard_id(opt_string(*filter_json, "ShardId"));
    filter.timestamp_ms = opt_time_ms(*filter_json, "Timestamp");
    if (filter.type == "AFTER_SHARD_ID" && !filter.shard_id)
      return errors::invalid_argument(
          "Must specify ShardId when ShardFilter type is AFTER_SHARD_ID.");
    if ((filter.type == "AT_TIMESTAMP" || filter.type == "FROM_TIMESTAMP") && !filter.timestamp_ms)
      return errors::invalid_argument("Must specify Timestamp when ShardFilter type is " +
                                      filter.type + ".");
  }

  const auto max =
      static_cast<size_t>(std::min<int64_t>(opt_int(in, "MaxResults").value_or(1000), 10000));
  const int64_t trim_horizon = stream->visible_from_ms(ctx.now_ms);
  json shards = json::array();
  bool more = false;
  std::string last;
  for (const auto& shard : stream->shards()) {
    if (after && shard->id() <= *after) continue;
    if (!passes(filter, *shard, trim_horizon)) continue;
    if (shards.size() == max) {
      more = true;
      break;
    }
    shards.push_back(describe_shard(*shard));
    last = shard->id();
  }
  json out{{"Shards", std::move(shards)}};
  if (more) {
    protocol::PageToken token{protocol::PageKind::kShards, ctx.now_ms, stream->region(),
                              stream->name(), last};
    out["NextToken"] = protocol::encode_page_token(ctx.signer, token);
  }
  return out;
}

}  // namespace kinesisd::operations
