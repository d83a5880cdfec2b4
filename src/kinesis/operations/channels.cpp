// Channels (CreateChannel, DescribeChannel, ListChannels, UpdateChannel,
// DeleteChannel; 2026): managed delivery of an on-demand stream to a general
// purpose S3 bucket, run by kinesis/channels. The rules are the API
// reference's and the developer guide's ("Delivery quotas and limits"):
// on-demand streams only, one stream per channel, one S3 channel per stream,
// the stream and channel in one account and region, only
// DataFreshnessInSeconds and LoggingConfiguration updatable, ListChannels
// 100 to a page. S3 Tables (Iceberg) and Glue Schema Registry records are
// refused with InvalidArgumentException naming what kinesisd does not do.
#include "kinesis/channels/channel_registry.hpp"
#include "kinesis/channels/key_template.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"
#include "protocol/page_token.hpp"
#include "protocol/response.hpp"

namespace kinesisd::operations {
namespace {

// "Data freshness is 300-900 seconds" (AWS's Kinesis skill for agents,
// general-purpose-delivery-to-s3.md); the model states no range.
constexpr int kMinFreshnessS = 300;
constexpr int kMaxFreshnessS = 900;
constexpr size_t kListChannelsPage = 100;

Error no_such_channel(const Context& ctx, const std::string& arn) {
  return errors::resource_not_found("Channel " + arn + " under account " + ctx.account() +
                                    " not found.");
}

Error no_channels() {
  return errors::invalid_argument(
      "kinesisd has no S3 to deliver channels to: give it an S3 API endpoint "
      "(AWS_ENDPOINT_URL_S3 or --endpoint-url-s3 URL) or --s3-dir DIR (each bucket a folder "
      "there).");
}

std::optional<Error> check_freshness(const json& destination) {
  const auto s = opt_int(destination, "DataFreshnessInSeconds");
  if (s && (*s < kMinFreshnessS || *s > kMaxFreshnessS))
    return errors::invalid_argument("DataFreshnessInSeconds must be between " +
                                    std::to_string(kMinFreshnessS) + " and " +
                                    std::to_string(kMaxFreshnessS) + " seconds.");
  return std::nullopt;
}

protocol::Outcome<std::shared_ptr<channels::Channel>> find_channel(const Context& ctx,
                                                                   const json& in) {
  const auto arn = in.at("ChannelARN").get<std::string>();
  auto channel = ctx.channels ? ctx.channels->find(arn) : nullptr;
  if (!channel || channel->definition().account != ctx.account() ||
      channel->definition().region != ctx.region)
    return no_such_channel(ctx, arn);
  return channel;
}

}  // namespace

Output create_channel(Context& ctx, const json& in) {
  if (in.contains("S3TablesDestinationConfiguration") && in.contains("S3DestinationConfiguration"))
    return errors::invalid_argument(
        "You must specify either S3DestinationConfiguration or "
        "S3TablesDestinationConfiguration, but not both.");
  if (in.contains("S3TablesDestinationConfiguration"))
    return errors::invalid_argument(
        "kinesisd does not deliver channels to S3 Tables (Apache Iceberg tables need commits to "
        "a table bucket's catalog, which kinesisd does not make): use "
        "S3DestinationConfiguration.");
  if (!in.contains("S3DestinationConfiguration"))
    return errors::invalid_argument(
        "You must specify either S3DestinationConfiguration or "
        "S3TablesDestinationConfiguration.");
  if (!ctx.channels) return no_channels();
  const auto& streams = in.at("StreamConfigurationList");
  if (streams.size() != 1) return errors::invalid_argument("A channel reads exactly one stream.");
  const auto& source = streams.at(0);
  if (source.at("RecordConfiguration").at("RecordFormatType") == "GSR_JSON")
    return errors::invalid_argument(
        "kinesisd does not check records against the AWS Glue Schema Registry: use the "
        "RecordFormatType JSON, STRING or BYTE_ARRAY.");
  const auto& s3 = in.at("S3DestinationConfiguration");
  if (auto e = check_freshness(s3)) return *e;
  if (auto t = opt_string(s3.at("StorageConfiguration"), "OutputKeyTemplate"))
    if (auto why = channels::check_key_template(*t); !why.empty())
      return errors::invalid_argument(why);
  auto found = find_stream(ctx, std::nullopt, source.at("StreamARN").get<std::string>());
  if (!found.ok()) return found.error();
  const auto& stream = found.value();
  if (stream->account() != ctx.account() || stream->region() != ctx.region)
    return errors::invalid_argument(
        "A channel and the stream it reads must be in the same account and Region.");
  if (stream->meta().mode != log::StreamMode::kOnDemand)
    return errors::invalid_argument("Stream " + stream->name() + " under account " + ctx.account() +
                                    " is not in the ON_DEMAND capacity mode: channels are "
                                    "supported only for on-demand streams.");
  if (!ctx.channels->reading(stream->arn()).empty())
    return errors::limit_exceeded("Stream " + stream->name() + " under account " + ctx.account() +
                                  " already has a channel to a general purpose S3 bucket.");
  const auto& o = ctx.store.options();
  auto definition = channels::ChannelDefinition::from(
      in, ctx.account(), ctx.region, protocol::new_request_id(), ctx.now_ms, stream->created_ms());
  const int freshness =
      definition.request.at("S3DestinationConfiguration").at("DataFreshnessInSeconds").get<int>();
  const std::string name = definition.name;
  auto channel = ctx.channels->create(std::move(definition),
                                      {ctx.now_ms + o.create_delay_ms, 0, 0, 0}, freshness);
  if (!channel)
    return errors::resource_in_use("Channel " + name + " under account " + ctx.account() +
                                   " already exists.");
  return json{{"ChannelDescription", channel->description(ctx.now_ms)}};
}

Output describe_channel(Context& ctx, const json& in) {
  auto found = find_channel(ctx, in);
  if (!found.ok()) return found.error();
  return json{{"ChannelDescription", found.value()->description(ctx.now_ms)}};
}

Output update_channel(Context& ctx, const json& in) {
  auto found = find_channel(ctx, in);
  if (!found.ok()) return found.error();
  auto& channel = *found.value();
  if (in.contains("S3TablesDestinationConfiguration"))
    return errors::invalid_argument(
        "Channel " + channel.definition().name +
        " delivers to a general purpose S3 bucket: update its S3DestinationConfiguration.");
  const auto status = channel.status(ctx.now_ms);
  if (status != "ACTIVE")
    return errors::resource_in_use("Channel " + channel.definition().name + " under account " +
                                   ctx.account() + " is not ACTIVE, instead in state " + status +
                                   ".");
  std::optional<int> freshness;
  if (auto s3 = member(in, "S3DestinationConfiguration")) {
    if (auto e = check_freshness(*s3)) return *e;
    freshness = s3->at("DataFreshnessInSeconds").get<int>();
  }
  std::optional<json> logging;
  if (auto l = member(in, "LoggingConfiguration")) logging = *l;
  channel.update(freshness, std::move(logging), ctx.now_ms, ctx.store.options().update_delay_ms);
  return json{{"ChannelDescription", channel.description(ctx.now_ms)}};
}

Output delete_channel(Context& ctx, const json& in) {
  auto found = find_channel(ctx, in);
  if (!found.ok()) return found.error();
  auto& channel = *found.value();
  if (channel.status(ctx.now_ms) != "DELETING")
    channel.remove(ctx.now_ms, ctx.store.options().delete_delay_ms);
  return json::object();
}

Output list_channels(Context& ctx, const json& in) {
  const auto limit =
      std::min(static_cast<size_t>(opt_int(in, "MaxResults").value_or(100)), kListChannelsPage);
  std::optional<std::string> after;
  if (auto token_text = opt_string(in, "NextToken")) {
    auto token = protocol::decode_page_token(ctx.signer, *token_text);
    if (!token || token->kind != protocol::PageKind::kChannels || token->region != ctx.region)
      return errors::invalid_argument("Invalid NextToken.");
    if (ctx.now_ms - token->issued_ms > protocol::kPageTokenLifetimeMs)
      return errors::expired_next_token("The requested token has expired.");
    after = token->after;
  }
  std::vector<std::pair<std::string, std::optional<int64_t>>> filters;
  if (auto f = member(in, "StreamFilter"))
    for (const auto& entry : *f)
      filters.emplace_back(entry.at("StreamARN").get<std::string>(),
                           opt_time_ms(entry, "StreamCreationTimestamp"));
  json list = json::array();
  bool more = false;
  const auto all = ctx.channels ? ctx.channels->list(ctx.account(), ctx.region)
                                : std::vector<std::shared_ptr<channels::Channel>>{};
  for (const auto& channel : all) {
    const auto& d = channel->definition();
    if (after && d.name <= *after) continue;
    if (!filters.empty()) {
      bool match = false;
      for (const auto& [arn, created] : filters)
        match = match || (arn == d.stream_arn &&
                          (!created || *created / 1000 == d.stream_created_ms / 1000));
      if (!match) continue;
    }
    if (list.size() == limit) {
      more = true;
      break;
    }
    json summary{
        {"ChannelName", d.name},
        {"ChannelARN", d.arn},
        {"ChannelId", d.id},
        {"ChannelStatus", channel->status(ctx.now_ms)},
        {"ChannelCreationTimestamp", epoch_seconds(d.created_ms)},
        {"ChannelDestinationType", "S3"},
        {"Streams",
         json::array({{{"StreamARN", d.stream_arn},
                       {"StreamCreationTimestamp", epoch_seconds(d.stream_created_ms)}}})}};
    list.push_back(std::move(summary));
  }
  json out{{"ChannelSummaries", list}};
  if (more) {
    protocol::PageToken token{protocol::PageKind::kChannels, ctx.now_ms, ctx.region, "",
                              list.back().at("ChannelName").get<std::string>()};
    out["NextToken"] = protocol::encode_page_token(ctx.signer, token);
  }
  return out;
}

}  // namespace kinesisd::operations
