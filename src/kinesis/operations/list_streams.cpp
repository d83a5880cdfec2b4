// ListStreams: names in order, up to Limit (default and at most 100), after
// ExclusiveStartStreamName or the position a NextToken carries.
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "protocol/page_token.hpp"

namespace kinesisd::operations {

Output list_streams(Context& ctx, const json& in) {
  const auto limit =
      static_cast<size_t>(std::min<int64_t>(opt_int(in, "Limit").value_or(100), 100));
  std::optional<std::string> after = opt_string(in, "ExclusiveStartStreamName");
  if (auto token_text = opt_string(in, "NextToken")) {
    auto token = protocol::decode_page_token(ctx.signer, *token_text);
    if (!token || token->kind != protocol::PageKind::kStreams || token->region != ctx.region)
      return errors::invalid_argument("Invalid NextToken.");
    if (ctx.now_ms - token->issued_ms > protocol::kPageTokenLifetimeMs)
      return errors::expired_next_token("The requested token has expired.");
    after = token->after;
  }

  json names = json::array();
  json summaries = json::array();
  bool more = false;
  for (const auto& stream : ctx.store.list(ctx.account(), ctx.region)) {
    if (after && stream->name() <= *after) continue;
    if (names.size() == limit) {
      more = true;
      break;
    }
    names.push_back(stream->name());
    summaries.push_back(
        {{"StreamName", stream->name()},
         {"StreamARN", stream->arn()},
         {"StreamStatus", log::to_string(stream->status(ctx.now_ms))},
         {"StreamModeDetails", {{"StreamMode", log::to_string(stream->meta().mode)}}},
         {"StreamCreationTimestamp", epoch_seconds(stream->created_ms())}});
  }
  json out{{"StreamNames", names}, {"HasMoreStreams", more}, {"StreamSummaries", summaries}};
  if (more) {
    protocol::PageToken token{protocol::PageKind::kStreams, ctx.now_ms, ctx.region, "",
                              names.back().get<std::string>()};
    out["NextToken"] = protocol::encode_page_token(ctx.signer, token);
  }
  return out;
}

}  // namespace kinesisd::operations
