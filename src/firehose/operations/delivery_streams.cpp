// CreateDeliveryStream, DeleteDeliveryStream, DescribeDeliveryStream and
// ListDeliveryStreams: a delivery stream's life and how it is described.
#include "firehose/operations/catalog.hpp"
#include "firehose/operations/definitions.hpp"
#include "firehose/operations/delivery_request.hpp"
#include "protocol/arn.hpp"

namespace kinesisd::firehose {
namespace {

double seconds(int64_t ms) { return static_cast<double>(ms) / 1000.0; }

json describe(const Context& ctx, const delivery::DeliveryStream& s) {
  const auto& id = s.identity();
  const auto config = s.config();
  json d{{"DeliveryStreamName", id.name},
         {"DeliveryStreamARN", id.arn},
         {"DeliveryStreamStatus", s.status(ctx.now_ms)},
         {"DeliveryStreamType", config.type},
         {"VersionId", std::to_string(s.version())},
         {"CreateTimestamp", seconds(id.created_ms)},
         {"DeliveryStreamEncryptionConfiguration", s.encryption()},
         {"HasMoreDestinations", false}};
  if (s.updated_ms()) d["LastUpdateTimestamp"] = seconds(s.updated_ms());
  if (config.type == "KinesisStreamAsSource")
    d["Source"] = {{"KinesisStreamSourceDescription",
                    {{"KinesisStreamARN", config.source_stream_arn},
                     {"RoleARN", config.source_role_arn},
                     {"DeliveryStartTimestamp", seconds(id.created_ms)}}}};
  json destination{{"DestinationId", "destinationId-000000000001"}};
  if (config.http) {
    destination.update(config.http->description);
    d["Destinations"] = json::array({destination});
    return d;
  }
  auto s3 = config.s3.description;
  json plain = s3;
  plain.erase("ProcessingConfiguration");
  plain.erase("S3BackupMode");
  destination["S3DestinationDescription"] = plain;
  if (config.s3.extended) destination["ExtendedS3DestinationDescription"] = s3;
  d["Destinations"] = json::array({destination});
  return d;
}

}  // namespace

Error not_found(const Context& ctx, const std::string& name) {
  return errors::resource_not_found("Firehose " + name + " under account " + ctx.account() +
                                    " not found.");
}

protocol::Outcome<std::shared_ptr<delivery::DeliveryStream>> find_stream(const Context& ctx,
                                                                         const json& input) {
  const std::string name = input.at("DeliveryStreamName");
  auto s = ctx.registry.find(ctx.account(), ctx.region, name);
  if (!s || s->status(ctx.now_ms) == "DELETING") return not_found(ctx, name);
  return s;
}

Output create_delivery_stream(Context& ctx, const json& in) {
  const std::string name = in.at("DeliveryStreamName");
  auto config = read_create(ctx, in);
  if (!config.ok()) return config.error();
  delivery::DeliveryIdentity id{name, ctx.region, ctx.account(),
                                protocol::delivery_stream_arn(ctx.region, ctx.account(), name),
                                ctx.now_ms};
  const std::string arn = id.arn;
  auto stream = ctx.registry.create(std::move(id), std::move(config.value()),
                                    ctx.now_ms + ctx.settings.create_delay_ms, !ctx.restoring);
  if (!stream)
    return errors::resource_in_use("Firehose " + name + " under account " + ctx.account() +
                                   " already exists.");
  if (in.contains("Tags")) {
    std::vector<std::pair<std::string, std::string>> tags;
    for (const auto& t : in["Tags"]) tags.emplace_back(t["Key"], t.value("Value", ""));
    stream->tag(tags);
  }
  if (in.contains("DeliveryStreamEncryptionConfigurationInput"))
    stream->set_encryption(
        {{"Status", "ENABLED"},
         {"KeyType", in["DeliveryStreamEncryptionConfigurationInput"]["KeyType"]}});
  record_created(ctx, *stream, in);
  return json{{"DeliveryStreamARN", arn}};
}

Output delete_delivery_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  found.value()->remove(ctx.now_ms, ctx.now_ms + ctx.settings.delete_delay_ms);
  record_state(ctx, *found.value());
  return json::object();
}

Output describe_delivery_stream(Context& ctx, const json& in) {
  const std::string name = in.at("DeliveryStreamName");
  auto s = ctx.registry.find(ctx.account(), ctx.region, name);
  if (!s) return not_found(ctx, name);
  return json{{"DeliveryStreamDescription", describe(ctx, *s)}};
}

Output list_delivery_streams(Context& ctx, const json& in) {
  const auto limit = static_cast<size_t>(in.value("Limit", 10));
  const std::string type = in.value("DeliveryStreamType", "");
  const std::string after = in.value("ExclusiveStartDeliveryStreamName", "");
  json names = json::array();
  bool more = false;
  for (const auto& s : ctx.registry.list(ctx.account(), ctx.region)) {
    if (!type.empty() && s->config().type != type) continue;
    if (!after.empty() && s->identity().name <= after) continue;
    if (names.size() == limit) {
      more = true;
      break;
    }
    names.push_back(s->identity().name);
  }
  return json{{"DeliveryStreamNames", names}, {"HasMoreDeliveryStreams", more}};
}

Output update_destination(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& s = *found.value();
  const std::string name = s.identity().name;
  if (in.at("CurrentDeliveryStreamVersionId").get<std::string>() != std::to_string(s.version()))
    return errors::make("ConcurrentModificationException",
                        "Cannot update Firehose " + name + " under account " + ctx.account() +
                            ": the version id is " + std::to_string(s.version()) + ", not " +
                            in["CurrentDeliveryStreamVersionId"].get<std::string>() + ".");
  if (in.at("DestinationId") != "destinationId-000000000001")
    return errors::invalid_argument("Destination " + in["DestinationId"].get<std::string>() +
                                    " not found in Firehose " + name + ".");
  if (s.config().http)
    return errors::invalid_argument(
        "kinesisd updates S3 destinations only: create the delivery stream again to change "
        "its HTTP endpoint or OpenSearch destination.");
  auto next = read_update(ctx, in, s.config().s3);
  if (!next.ok()) return next.error();
  s.replace_destination(std::move(next.value()), ctx.now_ms);
  record_updated(ctx, s, in);
  return json::object();
}

}  // namespace kinesisd::firehose
