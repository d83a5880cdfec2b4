#include "lambda/poller/failure_destination.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>

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
    d.account_ = ref->account;
    d.region_ = ref->region;
    d.stream_ = ref->name;
    return d;
  }
  if (why)
    *why =
        "kinesisd delivers failed batches to file:///<directory> or to a Kinesis stream ARN "
        "(arn:aws:kinesis:<region>:<account>:stream/<name>); got \"" +
        destination + "\"";
  return std::nullopt;
}

bool FailureDestination::deliver(log::StreamStore& store,
                                 const nlohmann::ordered_json& failure_record,
                                 const std::string& event, const std::string& shard_id,
                                 const std::string& start_sequence) const {
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
