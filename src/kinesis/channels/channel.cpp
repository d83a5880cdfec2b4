#include "kinesis/channels/channel.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "buckets/codecs.hpp"
#include "kinesis/channels/key_template.hpp"
#include "protocol/arn.hpp"
#include "protocol/base64.hpp"
#include "protocol/epoch_seconds.hpp"
#include "protocol/response.hpp"
#include "protocol/utf8.hpp"

namespace kinesisd::channels {
namespace {

using nlohmann::json;

// A buffer is written once it holds this much, whatever its age (AWS names a
// "minimum target file size" it does not state; Firehose's largest buffer).
constexpr uint64_t kMaxBufferBytes = 128ull << 20;
// Failed writes are tried again after this long (the thread waits, woken early
// by a flush or a stop).
constexpr auto kRetryWait = std::chrono::milliseconds(500);

std::string bucket_of(const std::string& bucket_arn) {
  const size_t at = bucket_arn.rfind(':');
  return at == std::string::npos ? bucket_arn : bucket_arn.substr(at + 1);
}

std::string extension_of(const std::string& compression) {
  return compression == "GZIP" ? ".gz" : compression == "ZSTD" ? ".zst" : "";
}

std::string compressed(const std::string& compression, std::string bytes) {
  if (compression == "GZIP") return buckets::gzip(bytes);
  if (compression == "ZSTD") return buckets::zstd(bytes);
  return bytes;
}

}  // namespace

ChannelDefinition ChannelDefinition::from(json request, std::string account, std::string region,
                                          std::string id, int64_t created_ms,
                                          int64_t stream_created_ms) {
  ChannelDefinition d;
  d.account = std::move(account);
  d.region = std::move(region);
  d.id = std::move(id);
  d.name = request.at("ChannelName").get<std::string>();
  d.arn = protocol::channel_arn(d.region, d.account, d.name, d.id);
  d.created_ms = created_ms;
  d.stream_created_ms = stream_created_ms;
  const auto& stream = request.at("StreamConfigurationList").at(0);
  d.stream_arn = stream.at("StreamARN").get<std::string>();
  d.record_format = stream.at("RecordConfiguration").at("RecordFormatType").get<std::string>();
  auto& s3 = request.at("S3DestinationConfiguration");
  auto& storage = s3.at("StorageConfiguration");
  if (!storage.contains("OutputKeyTemplate"))
    storage["OutputKeyTemplate"] = std::string(kDefaultKeyTemplate);
  if (!storage.contains("StorageClass")) storage["StorageClass"] = "STANDARD";
  if (!s3.contains("DataFreshnessInSeconds")) s3["DataFreshnessInSeconds"] = 300;
  // The DLQ defaults to the destination bucket under an error prefix (the API
  // reference's S3DestinationConfiguration; the prefix as the CDK's
  // CfnChannel.DeadLetterQueueS3ConfigurationProperty documents it).
  if (!s3.contains("DeadLetterQueueS3Configuration"))
    s3["DeadLetterQueueS3Configuration"] = {
        {"BucketARN", storage.at("BucketARN")},
        {"ExpectedBucketOwner", storage.at("ExpectedBucketOwner")}};
  auto& dlq = s3["DeadLetterQueueS3Configuration"];
  if (!dlq.contains("ErrorOutputPrefix"))
    dlq["ErrorOutputPrefix"] = "kinesis-channel/errors/" + d.name + "/" + d.id + "/";
  if (!request.contains("LoggingConfiguration"))
    request["LoggingConfiguration"] = {{"CloudWatchLogs", {{"Enabled", false}}}};
  d.bucket = bucket_of(storage.at("BucketARN").get<std::string>());
  d.key_template = storage.at("OutputKeyTemplate").get<std::string>();
  d.compression = storage.at("CompressionType").get<std::string>();
  d.dlq_bucket = bucket_of(dlq.at("BucketARN").get<std::string>());
  d.dlq_prefix = dlq.at("ErrorOutputPrefix").get<std::string>();
  d.request = std::move(request);
  return d;
}

json ChannelDefinition::to_json() const {
  return {{"request", request},       {"account", account},
          {"region", region},         {"id", id},
          {"created_ms", created_ms}, {"stream_created_ms", stream_created_ms}};
}

ChannelDefinition ChannelDefinition::from_json(const json& j) {
  return from(j.at("request"), j.at("account"), j.at("region"), j.at("id"), j.at("created_ms"),
              j.at("stream_created_ms"));
}

Channel::Channel(ChannelDefinition definition, ChannelTimes times, int freshness_s, json logging,
                 const ChannelWorld& world, std::optional<json> checkpoint)
    : definition_(std::move(definition)),
      world_(world),
      times_(times),
      freshness_s_(freshness_s),
      logging_(std::move(logging)),
      checkpoint_(std::move(checkpoint)) {
  {
    base::MutexLock lock(mu_);
    const auto& saved = definition_.request;
    if (auto t = saved.find("Tags"); t != saved.end() && t->is_object())
      for (const auto& [k, v] : t->items()) tags_[k] = v.get<std::string>();
  }
  thread_ = std::thread([this] { run(); });
}

std::map<std::string, std::string> Channel::tags() const {
  base::MutexLock lock(mu_);
  return tags_;
}

void Channel::change_tags(const std::map<std::string, std::string>& added,
                          const std::vector<std::string>& removed) {
  base::MutexLock lock(mu_);
  for (const auto& [k, v] : added) tags_[k] = v;
  for (const auto& k : removed) tags_.erase(k);
  persist();
}

Channel::~Channel() { discard(); }

void Channel::discard() {
  {
    base::MutexLock lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    buffer_.clear();
    dead_.clear();
  }
  cv_.notify_all();
  if (follower_) follower_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string Channel::status(int64_t now_ms) const {
  base::MutexLock lock(mu_);
  if (times_.deleting_at_ms && now_ms >= times_.deleting_at_ms) return "DELETING";
  if (now_ms < times_.active_at_ms) return "CREATING";
  if (now_ms < times_.updated_until_ms) return "UPDATING";
  // Its last write failed (ChannelStatusReason says why); ACTIVE again once
  // a write succeeds.
  if (!last_error_.empty()) return "FAILED";
  return "ACTIVE";
}

ChannelTimes Channel::times() const {
  base::MutexLock lock(mu_);
  return times_;
}

json Channel::description(int64_t now_ms) const {
  const auto& r = definition_.request;
  json stream = r.at("StreamConfigurationList").at(0);
  stream["StreamCreationTimestamp"] = protocol::epoch_seconds(definition_.stream_created_ms);
  json d = {{"ChannelName", definition_.name},
            {"ChannelARN", definition_.arn},
            {"ChannelId", definition_.id},
            {"ChannelStatus", status(now_ms)},
            {"ChannelCreationTimestamp", protocol::epoch_seconds(definition_.created_ms)},
            {"ServiceExecutionRoleARN", r.at("ServiceExecutionRoleARN")},
            {"StreamConfigurationList", json::array({stream})},
            {"S3DestinationConfiguration", r.at("S3DestinationConfiguration")}};
  if (r.contains("EncryptionConfiguration"))
    d["EncryptionConfiguration"] = r["EncryptionConfiguration"];
  base::MutexLock lock(mu_);
  d["S3DestinationConfiguration"]["DataFreshnessInSeconds"] = freshness_s_;
  d["LoggingConfiguration"] = logging_;
  if (!last_error_.empty()) d["ChannelStatusReason"] = last_error_;
  return d;
}

void Channel::update(std::optional<int> freshness_s, std::optional<json> logging, int64_t now_ms,
                     int64_t update_delay_ms) {
  {
    base::MutexLock lock(mu_);
    if (freshness_s) freshness_s_ = *freshness_s;
    if (logging) logging_ = std::move(*logging);
    times_.updated_until_ms = now_ms + update_delay_ms;
    persist();
  }
  cv_.notify_all();
}

void Channel::remove(int64_t now_ms, int64_t delete_delay_ms) {
  {
    base::MutexLock lock(mu_);
    times_.deleting_at_ms = now_ms;
    times_.gone_at_ms = now_ms + delete_delay_ms;
    flushing_ = true;
    persist();
  }
  cv_.notify_all();
}

void Channel::flush() {
  {
    base::MutexLock lock(mu_);
    flushing_ = true;
  }
  cv_.notify_all();
}

uint64_t Channel::buffered() const { return pending_.load(); }

std::map<std::string, uint64_t> Channel::source_positions() {
  std::map<std::string, uint64_t> out;
  base::MutexLock lock(tails_mu_);
  for (const auto& tail : tails_) out[tail->shard()->id()] = tail->position();
  for (const auto& id : drained_) out[id] = UINT64_MAX;
  return out;
}

void Channel::save() const {
  base::MutexLock lock(mu_);
  persist();
}

void Channel::persist() const {
  if (!world_.db) return;
  json j = definition_.to_json();
  j["times"] = {times_.active_at_ms, times_.updated_until_ms, times_.deleting_at_ms,
                times_.gone_at_ms};
  j["freshness_s"] = freshness_s_;
  j["logging"] = logging_;
  j["tags"] = tags_;
  world_.db->put("channels", definition_.arn, j.dump());
}

void Channel::start_reading() {
  const auto ref = protocol::parse_stream_arn(definition_.stream_arn);
  auto stream = ref ? world_.streams.find(ref->account, ref->region, ref->name) : nullptr;
  if (!stream) return;
  reading_ = true;
  std::map<std::string, uint64_t> start;
  std::set<std::string> done;
  if (checkpoint_) {
    const auto& at = (*checkpoint_)["shards"];
    for (const auto& id : checkpoint_->value("done", json::array())) done.insert(id);
    const int64_t now = world_.streams.clock().now_ms();
    for (const auto& shard : stream->shards())
      if (!done.count(shard->id()))
        start[shard->id()] = at.is_object() && at.contains(shard->id())
                                 ? at[shard->id()].get<uint64_t>()
                                 : shard->trim_horizon(stream->visible_from_ms(now));
  } else {
    // No backfill: only records written once the channel is ACTIVE (the
    // developer guide's "Delivery constraints"), found by their arrival time,
    // so it does not matter when this thread gets here.
    const int64_t visible = stream->visible_from_ms(world_.streams.clock().now_ms());
    for (const auto& shard : stream->shards())
      start[shard->id()] = shard->at_timestamp(times_.active_at_ms, visible);
    if (world_.db)
      world_.db->put("channel_checkpoints", definition_.arn,
                     json{{"shards", start}, {"done", done}}.dump());
  }
  checkpoint_.reset();
  {
    base::MutexLock lock(tails_mu_);
    drained_ = done;
  }
  follower_ = log::StreamFollower::follow(
      world_.streams, stream, std::move(start), std::move(done),
      [this, stream](std::shared_ptr<log::Shard> shard, uint64_t position) {
        base::MutexLock lock(tails_mu_);
        tails_.push_back(
            std::make_unique<log::ShardTail>(stream, std::move(shard), position, [this] {
              woken_.store(true);
              cv_.notify_all();
            }));
      });
  follower_->start();
}

std::string Channel::invalid(std::string_view data) const {
  if (definition_.record_format == "JSON" && !json::accept(data))
    return "The record is not valid JSON.";
  if (definition_.record_format == "STRING" && !protocol::valid_utf8(data))
    return "The record is not valid UTF-8.";
  return "";
}

void Channel::read(std::vector<Buffered>& good,
                   std::vector<std::pair<Buffered, std::string>>& bad) {
  std::vector<std::string> drained;
  {
    base::MutexLock lock(tails_mu_);
    drained = log::read_tails(tails_, world_.streams.clock().now_ms(),
                              [&](const log::Shard& shard, const log::RecordView& r) {
                                Buffered b{std::string(r.data), r.arrival_ms, shard.id(),
                                           shard.sequence_at(r.position, r.arrival_ms).to_string()};
                                if (auto why = invalid(r.data); !why.empty())
                                  bad.emplace_back(std::move(b), std::move(why));
                                else
                                  good.push_back(std::move(b));
                              });
    drained_.insert(drained.begin(), drained.end());
  }
  for (const auto& id : drained) follower_->done(id);
}

json Channel::checkpoint_now() {
  json shards = json::object();
  base::MutexLock lock(tails_mu_);
  for (const auto& tail : tails_) shards[tail->shard()->id()] = tail->position();
  return {{"shards", shards}, {"done", drained_}};
}

std::string Channel::write(const std::vector<Buffered>& buffer,
                           const std::vector<std::pair<Buffered, std::string>>& dead) const {
  const std::string unique = protocol::new_request_id();
  std::string error;
  if (!buffer.empty()) {
    std::string bytes;
    const bool lines = definition_.record_format != "BYTE_ARRAY";
    for (const auto& b : buffer) {
      bytes += b.data;
      if (lines) bytes += '\n';
    }
    const std::string extension = extension_of(definition_.compression);
    const std::string key = expand_key(
        definition_.key_template,
        {definition_.name, definition_.id, extension, buffer.front().arrival_ms}, unique);
    const std::string body = compressed(definition_.compression, std::move(bytes));
    if (!world_.s3->put({definition_.bucket, key, body,
                         definition_.compression == "GZIP" ? "gzip" : "", definition_.region},
                        error)) {
      return "Records could not be written to bucket " + definition_.bucket + ": " + error;
    }
  }
  if (!dead.empty()) {
    // One JSON line per invalid record: where it came from, why, and its
    // bytes in base64 (the shape of Firehose's error documents).
    std::string lines;
    for (const auto& [b, why] : dead)
      lines += json{{"channelName", definition_.name},
                    {"channelId", definition_.id},
                    {"streamARN", definition_.stream_arn},
                    {"shardId", b.shard_id},
                    {"sequenceNumber", b.sequence},
                    {"approximateArrivalTimestamp", b.arrival_ms},
                    {"errorCode", "RecordFormatMismatch"},
                    {"errorMessage", why},
                    {"rawData", protocol::base64_encode(b.data)}}
                   .dump() +
               "\n";
    const std::string key =
        definition_.dlq_prefix +
        expand_key(
            "!{yyyy}/!{MM}/!{dd}/!{HH}/!{channel-name}-!{channel-id}-"
            "!{yyyy}-!{MM}-!{dd}-!{HH}-!{mm}",
            {definition_.name, definition_.id, "", dead.front().first.arrival_ms}, unique);
    if (!world_.s3->put({definition_.dlq_bucket, key, lines, "", definition_.region}, error)) {
      return "Invalid records could not be written to bucket " + definition_.dlq_bucket + ": " +
             error;
    }
  }
  return "";
}

void Channel::run() {
  base::UniqueLock lock(mu_);
  int64_t retry_at = 0;
  for (;;) {
    if (stopping_) return;
    const int64_t now = world_.streams.clock().now_ms();
    const bool deleted = times_.deleting_at_ms && now >= times_.deleting_at_ms;
    if (!reading_ && !deleted && now >= times_.active_at_ms) start_reading();
    if (reading_ && !deleted) {
      std::vector<Buffered> good;
      std::vector<std::pair<Buffered, std::string>> bad;
      lock.unlock();
      read(good, bad);
      lock.lock();
      if (stopping_) return;
      for (auto& b : good) {
        buffered_bytes_ += b.data.size();
        buffer_.push_back(std::move(b));
      }
      for (auto& b : bad) dead_.push_back(std::move(b));
      pending_.store(buffer_.size() + dead_.size());
    }
    const bool any = !buffer_.empty() || !dead_.empty();
    int64_t oldest = INT64_MAX;
    if (!buffer_.empty()) oldest = buffer_.front().arrival_ms;
    if (!dead_.empty()) oldest = std::min(oldest, dead_.front().first.arrival_ms);
    const bool due = any && now >= retry_at &&
                     (flushing_ || buffered_bytes_ >= kMaxBufferBytes ||
                      now - oldest >= int64_t{freshness_s_} * 1000);
    if (due) {
      // Written without the lock (an S3 API may be slow): only this thread
      // fills the buffer, so it is taken out and put back if the write fails.
      const json checkpoint = checkpoint_now();
      std::vector<Buffered> batch;
      std::vector<std::pair<Buffered, std::string>> dead;
      batch.swap(buffer_);
      dead.swap(dead_);
      lock.unlock();
      const std::string error = write(batch, dead);
      lock.lock();
      if (stopping_) return;
      if (error.empty()) {
        buffered_bytes_ = 0;
        pending_.store(0);
        if (world_.db) world_.db->put("channel_checkpoints", definition_.arn, checkpoint.dump());
        last_error_.clear();
        retry_at = 0;
      } else {
        buffer_ = std::move(batch);
        dead_ = std::move(dead);
        last_error_ = error;
        spdlog::warn("channel {}: {}", definition_.name, error);
        retry_at = now + kRetryWait.count();
      }
      continue;
    }
    if (!any) flushing_ = false;  // a flush ends once its buffer is out
    // Woken by appends (the tails), updates, flushes and stops. While
    // something waits on kinesisd's clock (the freshness deadline, ACTIVE,
    // a retry) it also looks again every 50 ms, which notices a --test-clock
    // jump; a channel with nothing buffered sleeps until woken.
    // (A wake-up that comes between the read and the wait is caught by
    // woken_, or at worst by the one-second timeout.)
    if (woken_.exchange(false)) continue;
    cv_.wait_for(lock.native(), any || !reading_ || deleted ? std::chrono::milliseconds(50)
                                                            : std::chrono::milliseconds(1000));
  }
}

}  // namespace kinesisd::channels
