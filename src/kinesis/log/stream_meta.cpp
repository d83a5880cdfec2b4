#include "kinesis/log/stream_meta.hpp"

namespace kinesisd::log {

const char* to_string(StreamStatus s) {
  switch (s) {
    case StreamStatus::kCreating:
      return "CREATING";
    case StreamStatus::kActive:
      return "ACTIVE";
    case StreamStatus::kUpdating:
      return "UPDATING";
    case StreamStatus::kDeleting:
      return "DELETING";
  }
  return "ACTIVE";
}

const char* to_string(StreamMode m) {
  return m == StreamMode::kOnDemand ? "ON_DEMAND" : "PROVISIONED";
}

const char* to_string(RecordDistribution d) {
  return d == RecordDistribution::kAuto ? "AUTO" : "USER_PARTITION_KEY";
}

std::optional<RecordDistribution> record_distribution_of(std::string_view name) {
  if (name == "AUTO") return RecordDistribution::kAuto;
  if (name == "USER_PARTITION_KEY") return RecordDistribution::kUserPartitionKey;
  return std::nullopt;
}

StreamStatus StreamMeta::status(int64_t now_ms) const {
  if (deleting_at_ms) return StreamStatus::kDeleting;
  if (now_ms < ready_at_ms) return updating ? StreamStatus::kUpdating : StreamStatus::kCreating;
  if (planned_reshard) return StreamStatus::kUpdating;
  return StreamStatus::kActive;
}

}  // namespace kinesisd::log
