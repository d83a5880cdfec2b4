#include "lambda/poller/failure_destination.hpp"

#include <spdlog/spdlog.h>

#include <ctime>
#include <filesystem>
#include <fstream>

#include "aws/s3_client.hpp"
#include "aws/sns_client.hpp"
#include "aws/sqs_client.hpp"
#include "protocol/response.hpp"

namespace kinesisd::poller {

std::optional<FailureDestination> FailureDestination::parse(const std::string& destination,
                                                            std::string* why) {
  FailureDestination d;
  d.text_ = destination;
  constexpr std::string_view file = "file://";
  if (destination.rfind(file, 0) == 0) {
    d.directory_ = destination.substr(file.size());
    if (d.directory_.empty() || d.directory_[0] != '/') {
      if (why) *why = "a file destination needs an absolute path: file:///path/to/dir";
      return std::nullopt;
    }
    return d;
  }
  if (const auto ref = protocol::parse_stream_arn(destination)) {
    d.kind_ = Kind::kStream;
    d.account_ = ref->account;
    d.region_ = ref->region;
    d.stream_ = ref->name;
    return d;
  }
  auto fifo = [&](const std::string& name, const char* what) {
    if (name.size() < 5 || name.compare(name.size() - 5, 5, ".fifo") != 0) return false;
    if (why)
      *why = std::string("a FIFO ") + what +
             " cannot be an on-failure destination, as in Lambda (" + destination + ")";
    return true;
  };
  if (const auto q = aws::parse_queue_arn(destination)) {
    if (fifo(q->name, "SQS queue")) return std::nullopt;
    d.kind_ = Kind::kSqs;
    d.region_ = q->region, d.account_ = q->account, d.stream_ = q->name;
    return d;
  }
  if (const auto t = aws::parse_topic_arn(destination)) {
    if (fifo(t->name, "SNS topic")) return std::nullopt;
    d.kind_ = Kind::kSns;
    d.region_ = t->region, d.account_ = t->account, d.stream_ = t->name;
    return d;
  }
  constexpr std::string_view s3 = "arn:aws:s3:::";
  if (destination.rfind(s3, 0) == 0 && destination.size() > s3.size() &&
      destination.find('/', s3.size()) == std::string::npos) {
    d.kind_ = Kind::kS3;
    d.bucket_ = destination.substr(s3.size());
    return d;
  }
  if (why)
    *why =
        "kinesisd delivers failed batches to an SQS queue, SNS topic or S3 bucket ARN, to "
        "file:///<directory> or to a Kinesis stream ARN "
        "(arn:aws:kinesis:<region>:<account>:stream/<name>); got \"" +
        destination + "\"";
  return std::nullopt;
}

bool FailureDestination::deliver_remote(const Delivery& d,
                                        const nlohmann::ordered_json& failure_record,
                                        const std::string& event) const {
  const char* service = kind_ == Kind::kSqs ? "sqs" : kind_ == Kind::kSns ? "sns" : "s3";
  const std::string endpoint = d.outbound ? d.outbound->endpoints.url(service) : "";
  if (endpoint.empty()) {
    spdlog::error(
        "on-failure destination {}: kinesisd has no {} endpoint (set "
        "AWS_ENDPOINT_URL_{} or --endpoint-url-{})",
        text_, service,
        kind_ == Kind::kSqs   ? "SQS"
        : kind_ == Kind::kSns ? "SNS"
                              : "S3",
        service);
    return false;
  }
  std::string error;
  bool ok = false;
  if (kind_ == Kind::kSqs) {
    ok = aws::SqsClient(endpoint, d.outbound->credentials)
             .send_message({region_, account_, stream_}, failure_record.dump(), d.cancel, error);
  } else if (kind_ == Kind::kSns) {
    ok = aws::SnsClient(endpoint, d.outbound->credentials)
             .publish({text_, region_, account_, stream_}, failure_record.dump(), d.cancel, error);
  } else {
    nlohmann::ordered_json doc = failure_record;
    doc["payload"] = nlohmann::ordered_json::parse(event, nullptr, false);
    const int64_t now = d.store.clock().now_ms();
    const std::time_t t = now / 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char day[16], stamp[32];
    std::strftime(day, sizeof day, "%Y/%m/%d", &tm);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H.%M.%S", &tm);
    const std::string key = "aws/lambda/" + d.mapping_uuid + "/" + d.shard_id + "/" + day + "/" +
                            stamp + "-" + protocol::new_request_id();
    const std::string body = doc.dump();
    // A bucket ARN names no region: the source stream's is the mapping's.
    std::string region = "us-east-1";
    if (const auto* info = failure_record.contains("KinesisBatchInfo")
                               ? &failure_record["KinesisBatchInfo"]
                               : nullptr;
        info && info->contains("streamArn"))
      if (const auto ref = protocol::parse_stream_arn((*info)["streamArn"].get<std::string>()))
        region = ref->region;
    ok = aws::S3Client(endpoint, d.outbound->credentials)
             .put_object(aws::S3Object(bucket_, key, body, {}), region, d.cancel, error);
  }
  if (!ok) spdlog::error("on-failure destination {}: {}", text_, error);
  return ok;
}

bool FailureDestination::deliver(const Delivery& d, const nlohmann::ordered_json& failure_record,
                                 const std::string& event) const {
  if (drops_undeliverable()) return deliver_remote(d, failure_record, event);
  log::StreamStore& store = d.store;
  const std::string& shard_id = d.shard_id;
  const std::string& start_sequence = d.start_sequence;
  if (!directory_.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(directory_, ec);
    nlohmann::ordered_json doc = failure_record;
    doc["payload"] = nlohmann::ordered_json::parse(event, nullptr, false);
    const std::string base =
        std::to_string(store.clock().now_ms()) + "-" + shard_id + "-" + start_sequence;
    const fs::path target = fs::path(directory_) / (base + ".json");
    const fs::path temporary = fs::path(directory_) / ("." + base + ".tmp");
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out << doc.dump(2) << '\n';
      out.flush();
      if (!out) {
        spdlog::error("on-failure destination {}: cannot write {}", text_, temporary.string());
        return false;
      }
    }
    fs::rename(temporary, target, ec);
    if (ec) {
      spdlog::error("on-failure destination {}: {}", text_, ec.message());
      return false;
    }
    return true;
  }

  auto stream = store.find(account_, region_, stream_);
  if (!stream) {
    spdlog::error("on-failure destination {}: the stream is not there", text_);
    return false;
  }
  // One record, partition key = the source shard id, appended as a PutRecord
  // would be (writable, within the stream's record size).
  const std::string data = failure_record.dump();
  const log::Stream::Entry entry{shard_id, data, std::nullopt};
  log::Stream::Placed placed;
  const auto result = stream->append({&entry, 1}, store.clock().now_ms(), {&placed, 1});
  using Refusal = log::Stream::AppendResult::Refusal;
  if (result.refusal == Refusal::kNotWritable) {
    spdlog::error("on-failure destination {}: the stream is not writable", text_);
    return false;
  }
  if (result.refusal == Refusal::kTooLarge) {
    spdlog::error("on-failure destination {}: the failure record exceeds the record size limit",
                  text_);
    return false;
  }
  return result.failed == 0;
}

}  // namespace kinesisd::poller
