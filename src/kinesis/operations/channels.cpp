// Channels (CreateChannel, DescribeChannel, ListChannels, UpdateChannel,
// DeleteChannel: managed delivery of an on-demand stream to S3 or S3 Tables,
// added to Kinesis in 2026). kinesisd does not deliver channels yet, so none
// can exist: CreateChannel is refused with InvalidArgumentException naming
// what is missing; the others answer as AWS does for an account without
// channels: none listed, and ResourceNotFoundException for any channel ARN.
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"

namespace kinesisd::operations {
namespace {

Error no_such_channel(const Context& ctx, const json& in) {
  return errors::resource_not_found("Channel " + in.at("ChannelARN").get<std::string>() +
                                    " under account " + ctx.account() + " not found.");
}

}  // namespace

Output create_channel(Context&, const json& in) {
  return errors::invalid_argument(
      "kinesisd does not deliver channels yet (managed delivery of a stream to S3 or S3 "
      "Tables): channel " +
      in.at("ChannelName").get<std::string>() +
      " is not created. Firehose's KinesisStreamAsSource delivers a stream to S3 instead.");
}

Output describe_channel(Context& ctx, const json& in) { return no_such_channel(ctx, in); }
Output update_channel(Context& ctx, const json& in) { return no_such_channel(ctx, in); }
Output delete_channel(Context& ctx, const json& in) { return no_such_channel(ctx, in); }

Output list_channels(Context&, const json&) { return json{{"ChannelSummaries", json::array()}}; }

}  // namespace kinesisd::operations
