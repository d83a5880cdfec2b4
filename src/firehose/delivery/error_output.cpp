#include "firehose/delivery/error_output.hpp"

#include "firehose/delivery/object_key.hpp"
#include "protocol/base64.hpp"

namespace kinesisd::delivery {

std::string failure_line(const FailureDocument& d, int64_t ending_ms) {
  nlohmann::json line{
      {"attemptsMade", d.attempts},          {"arrivalTimestamp", d.arrival_ms},
      {"errorCode", d.error_code},           {"errorMessage", d.error_message},
      {"attemptEndingTimestamp", ending_ms}, {"rawData", protocol::base64_encode(d.raw_data)}};
  for (const auto& [name, value] : d.detail.items()) line[name] = value;
  return line.dump() + "\n";
}

bool write_failures(const ObjectWriter& objects, const FailureGroup& group,
                    const std::string& stream_name, int version, int64_t oldest_ms,
                    int64_t now_ms) {
  if (group.documents.empty()) return true;
  std::string body;
  for (const auto& d : group.documents) body += failure_line(d, now_ms);
  return objects.write(
      error_object_key(group.error_prefix, group.error_type, stream_name, version, oldest_ms), body,
      ObjectWriter::Kind::kErrors);
}

}  // namespace kinesisd::delivery
