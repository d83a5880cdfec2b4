#include "lambda/poller/lambda_event.hpp"

#include <cstdio>
#include <ctime>

#include "protocol/base64.hpp"
#include "protocol/response.hpp"

namespace kinesisd::poller {
namespace {

void append_json_string(std::string& out, std::string_view s) {
  out += nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_seconds(std::string& out, int64_t ms) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ms / 1000),
                              static_cast<long long>(ms % 1000));
  out.append(buf, static_cast<size_t>(n));
}

}  // namespace

std::string iso8601_ms(int64_t epoch_ms) {
  const std::time_t s = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[40];
  const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(epoch_ms % 1000));
  return buf;
}

size_t event_bytes(const PolledRecord& r) {
  return 4 * ((r.data.size() + 2) / 3) + r.partition_key.size() + 2 * r.sequence_number.size() +
         512;
}

std::string build_event(const BatchOrigin& source, std::span<const PolledRecord> records) {
  std::string out;
  size_t estimate = 16;
  for (const auto& r : records) estimate += event_bytes(r);
  out.reserve(estimate);
  out += "{\"Records\":[";
  bool first = true;
  for (const auto& r : records) {
    if (!first) out += ',';
    first = false;
    out += "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":";
    append_json_string(out, r.partition_key);
    out += ",\"sequenceNumber\":\"";
    out += r.sequence_number;
    out += "\",\"data\":\"";
    protocol::base64_encode_append(r.data, out);
    out += "\",\"approximateArrivalTimestamp\":";
    append_seconds(out, r.arrival_ms);
    if (r.encrypted) out += ",\"encryptionType\":\"KMS\"";
    out += "},\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\",\"eventID\":\"";
    out += source.shard_id;
    out += ':';
    out += r.sequence_number;
    out += "\",\"eventName\":\"aws:kinesis:record\",\"invokeIdentityArn\":";
    append_json_string(out, source.invoke_identity_arn);
    out += ",\"awsRegion\":";
    append_json_string(out, source.region);
    out += ",\"eventSourceARN\":";
    append_json_string(out, source.stream_arn);
    out += '}';
  }
  out += "]}";
  return out;
}

nlohmann::ordered_json build_failure_record(const BatchOrigin& source,
                                            const std::string& function_arn,
                                            std::span<const PolledRecord> records,
                                            const FailureInfo& info, int64_t now_ms) {
  nlohmann::ordered_json doc;
  doc["requestContext"] = {{"requestId", protocol::new_request_id()},
                           {"functionArn", function_arn},
                           {"condition", info.condition},
                           {"approximateInvokeCount", info.invoke_count}};
  if (info.invoke_count > 0)
    doc["responseContext"] = {{"statusCode", 200},
                              {"executedVersion", "$LATEST"},
                              {"functionError", info.function_error}};
  doc["version"] = "1.0";
  doc["timestamp"] = iso8601_ms(now_ms);
  if (!records.empty()) {
    doc["KinesisBatchInfo"] = {
        {"shardId", source.shard_id},
        {"startSequenceNumber", records.front().sequence_number},
        {"endSequenceNumber", records.back().sequence_number},
        {"approximateArrivalOfFirstRecord", iso8601_ms(records.front().arrival_ms)},
        {"approximateArrivalOfLastRecord", iso8601_ms(records.back().arrival_ms)},
        {"batchSize", records.size()},
        {"streamArn", source.stream_arn}};
  }
  return doc;
}

nlohmann::json filter_document(const PolledRecord& r) {
  nlohmann::json doc = {
      {"kinesisSchemaVersion", "1.0"},
      {"partitionKey", r.partition_key},
      {"sequenceNumber", r.sequence_number},
      {"approximateArrivalTimestamp", static_cast<double>(r.arrival_ms) / 1000.0}};
  auto data = nlohmann::json::parse(r.data, nullptr, false);
  if (!data.is_discarded()) doc["data"] = std::move(data);
  return doc;
}

}  // namespace kinesisd::poller
