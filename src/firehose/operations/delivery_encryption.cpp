// StartDeliveryStreamEncryption and StopDeliveryStreamEncryption: the setting
// is kept and described (ENABLED with its KeyType, or DISABLED); kinesisd
// writes objects as they are, as it keeps Kinesis records.
#include "firehose/operations/catalog.hpp"
#include "firehose/operations/definitions.hpp"

namespace kinesisd::firehose {

Output start_delivery_stream_encryption(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  std::string key_type = "AWS_OWNED_CMK";
  json config{{"Status", "ENABLED"}};
  if (in.contains("DeliveryStreamEncryptionConfigurationInput")) {
    const auto& c = in["DeliveryStreamEncryptionConfigurationInput"];
    key_type = c.at("KeyType");
    if (c.contains("KeyARN")) config["KeyARN"] = c["KeyARN"];
  }
  config["KeyType"] = key_type;
  found.value()->set_encryption(std::move(config));
  record_state(ctx, *found.value());
  return json::object();
}

Output stop_delivery_stream_encryption(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  found.value()->set_encryption({{"Status", "DISABLED"}});
  record_state(ctx, *found.value());
  return json::object();
}

}  // namespace kinesisd::firehose
