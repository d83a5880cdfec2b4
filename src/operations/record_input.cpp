#include "operations/record_input.hpp"

#include "operations/input.hpp"
#include "operations/stream_lookup.hpp"
#include "protocol/base64.hpp"

namespace kinesisd::operations {

protocol::Outcome<RecordInput> read_record(const json& entry, int max_record_size_kib,
                                           const std::string& data_path) {
  RecordInput r;
  r.partition_key = entry.at("PartitionKey").get<std::string>();
  r.data = *protocol::base64_decode(entry.at("Data").get_ref<const std::string&>());
  const uint64_t limit = uint64_t(max_record_size_kib) * 1024;
  if (r.data.size() + r.partition_key.size() > limit) {
    const auto n = std::to_string(r.data.size());
    return errors::validation(
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n +
        "]' at '" + data_path +
        "' failed to satisfy constraint: Member must have length less than "
        "or equal to " +
        std::to_string(limit - r.partition_key.size()));
  }
  if (auto explicit_key = opt_string(entry, "ExplicitHashKey")) {
    auto key = log::parse_hash_key(*explicit_key);
    if (!key)
      return errors::invalid_argument(
          "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. "
          "Specified value was " +
          *explicit_key);
    r.hash_key = *key;
  } else {
    r.hash_key = log::hash_partition_key(r.partition_key);
  }
  return r;
}

std::optional<Error> check_writable(const log::Stream& stream, int64_t now_ms) {
  const auto status = stream.status(now_ms);
  if (status == log::StreamStatus::kActive || status == log::StreamStatus::kUpdating)
    return std::nullopt;
  return errors::resource_not_found(stream_not_found_message(stream.name(), stream.account()));
}

}  // namespace kinesisd::operations
