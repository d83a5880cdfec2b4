#include "firehose/delivery/record_transform.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "protocol/base64.hpp"
#include "protocol/response.hpp"

namespace kinesisd::delivery {
namespace {

using nlohmann::json;

std::string event_of(const TransformCall& call, const std::vector<BufferedRecord>& records) {
  json event{{"invocationId", protocol::new_request_id()},
             {"deliveryStreamArn", call.delivery_stream_arn},
             {"region", call.region},
             {"records", json::array()}};
  if (!call.source_stream_arn.empty()) event["sourceKinesisStreamArn"] = call.source_stream_arn;
  for (const auto& r : records) {
    json record{{"recordId", r.record_id},
                {"approximateArrivalTimestamp", r.arrival_ms},
                {"data", protocol::base64_encode(r.data)}};
    if (r.kinesis)
      record["kinesisRecordMetadata"] = {{"shardId", r.kinesis->shard_id},
                                         {"partitionKey", r.kinesis->partition_key},
                                         {"approximateArrivalTimestamp", r.kinesis->arrival_ms},
                                         {"sequenceNumber", r.kinesis->sequence_number},
                                         {"subsequenceNumber", r.kinesis->subsequence_number}};
    event["records"].push_back(std::move(record));
  }
  return event.dump();
}

}  // namespace

TransformOutcome transform(handler::Handler& handler, const TransformCall& call,
                           const std::vector<BufferedRecord>& records,
                           const std::atomic<bool>& cancel) {
  TransformOutcome out;
  const std::string event = event_of(call, records);
  handler::Invocation result;
  for (int attempt = 0; attempt <= call.retries; ++attempt) {
    ++out.attempts;
    result = handler.invoke(event, cancel);
    if (result.succeeded() || cancel.load()) break;
  }
  auto fail_all = [&](const std::string& code, const std::string& message) {
    for (const auto& r : records) out.failed.push_back({&r, code, message});
  };
  if (!result.succeeded()) {
    fail_all("Lambda.FunctionError",
             "The Lambda function was successfully invoked but it returned an error result.");
    return out;
  }
  const auto answer = json::parse(result.payload, nullptr, false);
  if (!answer.is_object() || !answer.contains("records") || !answer["records"].is_array()) {
    fail_all("Lambda.MissingRecordId", "The Lambda function's response has no records.");
    return out;
  }
  std::map<std::string, const json*> by_id;
  for (const auto& r : answer["records"])
    if (r.is_object() && r.contains("recordId") && r["recordId"].is_string())
      by_id[r["recordId"].get<std::string>()] = &r;
  for (const auto& r : records) {
    const auto it = by_id.find(r.record_id);
    if (it == by_id.end()) {
      out.failed.push_back({&r, "Lambda.MissingRecordId",
                            "recordId " + r.record_id + " is missing from the response."});
      continue;
    }
    const json& t = *it->second;
    const std::string status = t.value("result", "");
    if (status == "Dropped") continue;
    if (status != "Ok") {
      out.failed.push_back({&r, "Lambda.ProcessingFailed",
                            status == "ProcessingFailed"
                                ? "The record was returned with result ProcessingFailed."
                                : "The record was returned with result '" + status + "'."});
      continue;
    }
    const auto data = t.contains("data") && t["data"].is_string()
                          ? protocol::base64_decode(t["data"].get<std::string>())
                          : std::nullopt;
    if (!data) {
      out.failed.push_back({&r, "Lambda.InvalidData", "The record's data is not base64."});
      continue;
    }
    OutgoingRecord ok{&r, std::move(*data)};
    if (auto m = t.find("metadata"); m != t.end() && m->is_object())
      if (auto keys = m->find("partitionKeys"); keys != m->end() && keys->is_object())
        for (const auto& [name, value] : keys->items())
          ok.lambda_keys[name] = value.is_string() ? value.get<std::string>() : value.dump();
    out.delivered.push_back(std::move(ok));
  }
  return out;
}

}  // namespace kinesisd::delivery
