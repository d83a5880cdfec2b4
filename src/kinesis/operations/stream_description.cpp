#include "kinesis/operations/stream_description.hpp"

#include "kinesis/operations/input.hpp"

namespace kinesisd::operations {

nlohmann::json describe_stream_common(const log::Stream& stream, int64_t now_ms) {
  const auto meta = stream.meta();
  nlohmann::json j;
  j["StreamName"] = stream.name();
  j["StreamARN"] = stream.arn();
  j["StreamStatus"] = log::to_string(stream.status(now_ms));
  j["StreamModeDetails"] = {{"StreamMode", log::to_string(meta.mode)}};
  j["RetentionPeriodHours"] = meta.retention_hours;
  j["StreamCreationTimestamp"] = epoch_seconds(stream.created_ms());
  j["EnhancedMonitoring"] =
      nlohmann::json::array({{{"ShardLevelMetrics", meta.shard_level_metrics}}});
  j["EncryptionType"] = meta.encryption_type;
  if (meta.encryption_type == "KMS") j["KeyId"] = meta.key_id;
  return j;
}

}  // namespace kinesisd::operations
