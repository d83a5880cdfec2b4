#include "firehose/delivery/delivery_stream.hpp"

#include <spdlog/spdlog.h>

#include <random>

#include "firehose/delivery/delivery_journal.hpp"
#include "firehose/delivery/http_destination.hpp"
#include "firehose/delivery/object_key.hpp"
#include "firehose/delivery/object_writer.hpp"
#include "firehose/delivery/record_deaggregation.hpp"
#include "firehose/delivery/s3_object_destination.hpp"
#include "kinesis/log/aggregated_record.hpp"

namespace kinesisd::delivery {
namespace {

using nlohmann::json;

// The handler a Lambda processor's LambdaArn (or plain function name) names.
std::string function_of(const std::string& lambda_arn) {
  const auto at = lambda_arn.find(":function:");
  if (at == std::string::npos) return lambda_arn;
  std::string name = lambda_arn.substr(at + 10);
  return name.substr(0, name.find(':'));  // without a version or alias qualifier
}

// AppendDelimiterToRecord's Delimiter is written escaped ("\\n").
std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[++i];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

DeliveryStream::DeliveryStream(DeliveryIdentity identity, DeliveryConfig config,
                               DeliveryWorld world, int64_t ready_at_ms, bool start_now)
    : identity_(std::move(identity)),
      world_(world),
      ready_at_ms_(ready_at_ms),
      config_(std::move(config)),
      encryption_(json{{"Status", "DISABLED"}}),
      writer_{world_.s3, identity_.name, identity_.region,
              [this](int attempt) { return retry_s3_write(attempt); }} {
  if (config_.type == "KinesisStreamAsSource" && world_.kinesis)
    follow_source(config_.source_stream_arn);
  if (config_.type == "DirectPut" && world_.journal) {
    base::MutexLock lock(mu_);
    log_ = world_.journal->open_log(identity_);
  }
  if (start_now) start();
}

void DeliveryStream::start() {
  {
    base::MutexLock lock(mu_);
    if (log_) recover_log();
  }
  thread_ = std::thread([this] { run(); });
  if (follower_) follower_->start();
}

void DeliveryStream::follow_source(const std::string& source_arn) {
  const auto ref = protocol::parse_stream_arn(source_arn);
  auto stream = ref ? world_.kinesis->find(ref->account, ref->region, ref->name) : nullptr;
  if (!stream) return;
  const auto saved = world_.journal ? world_.journal->checkpoint(identity_) : std::nullopt;
  std::map<std::string, uint64_t> start;
  std::set<std::string> done;
  if (saved) {
    // Where the last delivered buffer ended; shards born since start at their
    // beginning (their parents were read to the end first).
    const auto& at = (*saved)["shards"];
    std::set<std::string> finished;
    for (const auto& id : saved->value("done", nlohmann::json::array())) finished.insert(id);
    for (const auto& shard : stream->shards()) {
      if (finished.count(shard->id()))
        done.insert(shard->id());
      else
        start[shard->id()] =
            at.is_object() && at.contains(shard->id())
                ? at[shard->id()].get<uint64_t>()
                : shard->trim_horizon(stream->visible_from_ms(world_.clock.now_ms()));
    }
    base::MutexLock lock(tails_mu_);
    drained_ = finished;
  } else {
    // Firehose reads a source stream from LATEST: the open shards at their
    // tips, the closed ones as read. A data directory keeps where that was,
    // so a restart before the first delivery starts there too.
    for (const auto& shard : stream->shards()) {
      if (shard->closed())
        done.insert(shard->id());
      else
        start[shard->id()] = shard->latest();
    }
    if (world_.journal)
      world_.journal->save_checkpoint(identity_, {{"shards", start}, {"done", done}});
    base::MutexLock lock(tails_mu_);
    drained_ = done;  // closed before it started: nothing of them is owed
  }
  follower_ = log::StreamFollower::follow(
      *world_.kinesis, stream, std::move(start), std::move(done),
      [this, stream](std::shared_ptr<log::Shard> shard, uint64_t position) {
        base::MutexLock lock(tails_mu_);
        tails_.push_back(std::make_unique<log::ShardTail>(stream, std::move(shard), position,
                                                          [this] { cv_.notify_all(); }));
      });
}

void DeliveryStream::recover_log() {
  const auto saved = world_.journal->checkpoint(identity_);
  uint64_t next = saved ? saved->value("next", uint64_t{0}) : 0;
  // A log that starts below its checkpoint lost its files: nothing in it can
  // be taken for delivered.
  if (next > log_->end()) next = log_->begin();
  next = std::max(next, log_->begin());
  log_->read(next, log_->end() - next, UINT64_MAX, [&](const log::RecordView& r) REQUIRES(mu_) {
    ++accepted_;
    buffer_.push_back(
        {next_record_id(), std::string(r.data), r.arrival_ms, std::nullopt, r.position});
    buffered_bytes_ += r.data.size();
    return true;
  });
  if (!buffer_.empty())
    spdlog::info(
        "delivery stream {}: {} acknowledged records not yet delivered are delivered again",
        identity_.name, buffer_.size());
}

nlohmann::json DeliveryStream::checkpoint_now() {
  if (log_) return {{"next", buffer_.empty() ? log_->end() : buffer_.back().position + 1}};
  if (!follower_) return nullptr;
  nlohmann::json shards = nlohmann::json::object();
  base::MutexLock lock(tails_mu_);
  for (const auto& tail : tails_) shards[tail->shard()->id()] = tail->position();
  return {{"shards", shards}, {"done", drained_}};
}

void DeliveryStream::commit(const nlohmann::json& checkpoint) {
  if (!world_.journal || checkpoint.is_null()) return;
  world_.journal->save_checkpoint(identity_, checkpoint);
  if (!checkpoint.contains("next")) return;
  base::MutexLock lock(mu_);
  // Whole segment files older than the first record still owed go.
  const uint64_t next = checkpoint["next"].get<uint64_t>();
  log_->trim_before(next < log_->end() ? log_->arrival_ms(next) : INT64_MAX);
}

DeliveryStream::~DeliveryStream() {
  if (follower_) follower_->stop();
  {
    base::MutexLock lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  base::MutexLock lock(mu_);
  if (discarded_) drop_buffer();  // a put that came after discard()
}

void DeliveryStream::discard() {
  if (follower_) follower_->stop();
  {
    base::MutexLock lock(mu_);
    discarded_ = true;
    stopping_ = true;
  }
  cv_.notify_all();
  // Joined here, so nothing is written for it (a checkpoint) once it returns.
  if (thread_.joinable()) thread_.join();
}

void DeliveryStream::drop_buffer() {
  if (world_.budget && !log_ && !follower_ && buffered_bytes_)
    world_.budget->add(-static_cast<int64_t>(buffered_bytes_));
  buffer_.clear();
  buffered_bytes_ = 0;
}

uint64_t DeliveryStream::accepted() const {
  base::MutexLock lock(mu_);
  return accepted_;
}

std::map<std::string, uint64_t> DeliveryStream::source_positions() {
  std::map<std::string, uint64_t> out;
  base::MutexLock lock(tails_mu_);
  for (const auto& tail : tails_) out[tail->shard()->id()] = tail->position();
  for (const auto& id : drained_) out[id] = UINT64_MAX;  // read to its end
  return out;
}

void DeliveryStream::flush() {
  {
    base::MutexLock lock(mu_);
    flushing_ = true;
  }
  cv_.notify_all();
}

DeliveryStream::BufferFill DeliveryStream::buffer_fill() const {
  base::MutexLock lock(mu_);
  return {buffer_.size(), buffered_bytes_};
}

std::string DeliveryStream::status(int64_t now_ms) const {
  base::MutexLock lock(mu_);
  if (deleting_at_ms_) return "DELETING";
  return now_ms < ready_at_ms_ ? "CREATING" : "ACTIVE";
}

bool DeliveryStream::gone(int64_t now_ms) const {
  base::MutexLock lock(mu_);
  return deleting_at_ms_ && now_ms >= gone_at_ms_;
}

std::pair<int64_t, int64_t> DeliveryStream::deletion() const {
  base::MutexLock lock(mu_);
  return {deleting_at_ms_, gone_at_ms_};
}

DeliveryConfig DeliveryStream::config() const {
  base::MutexLock lock(mu_);
  return config_;
}
int DeliveryStream::version() const {
  base::MutexLock lock(mu_);
  return version_;
}
int64_t DeliveryStream::updated_ms() const {
  base::MutexLock lock(mu_);
  return updated_ms_;
}

int DeliveryStream::replace_destination(S3Destination s3, int64_t now_ms) {
  base::MutexLock lock(mu_);
  config_.s3 = std::move(s3);
  updated_ms_ = now_ms;
  return ++version_;
}

std::vector<std::pair<std::string, std::string>> DeliveryStream::tags() const {
  base::MutexLock lock(mu_);
  return tags_;
}
void DeliveryStream::tag(const std::vector<std::pair<std::string, std::string>>& tags) {
  base::MutexLock lock(mu_);
  for (const auto& tag : tags) {
    const auto& [k, v] = tag;
    auto it = std::find_if(tags_.begin(), tags_.end(),
                           [&](const auto& t) { return t.first == tag.first; });
    if (it != tags_.end())
      it->second = v;
    else
      tags_.emplace_back(k, v);
  }
  std::sort(tags_.begin(), tags_.end());
}
void DeliveryStream::untag(const std::vector<std::string>& keys) {
  base::MutexLock lock(mu_);
  std::erase_if(tags_, [&](const auto& t) {
    return std::find(keys.begin(), keys.end(), t.first) != keys.end();
  });
}
json DeliveryStream::encryption() const {
  base::MutexLock lock(mu_);
  return encryption_;
}
void DeliveryStream::set_encryption(json encryption) {
  base::MutexLock lock(mu_);
  encryption_ = std::move(encryption);
}

// 56 digits, as AWS's record ids look: the stream's creation, a counter, noise.
std::string DeliveryStream::next_record_id() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  char id[64];
  std::snprintf(id, sizeof id, "%020lld%020llu%016llu",
                static_cast<long long>(identity_.created_ms),
                static_cast<unsigned long long>(next_record_++),
                static_cast<unsigned long long>(rng() % 10000000000000000ull));
  return id;
}

DeliveryStream::Put DeliveryStream::put(const std::vector<std::string>& records, int64_t now_ms) {
  Put out;
  out.ids.reserve(records.size());
  uint64_t bytes = 0;
  {
    base::MutexLock lock(mu_);
    uint64_t first = 0;
    if (world_.budget && !log_) {
      uint64_t total = 0;
      for (const auto& data : records) total += data.size();
      if (!world_.budget->admits(total)) {
        out.status = log::AppendStatus::kFull;
        return out;
      }
      world_.budget->add(static_cast<int64_t>(total));
    }
    if (log_) {  // in the log before the answer
      std::vector<log::NewRecord> logged;
      logged.reserve(records.size());
      for (const auto& data : records) logged.push_back({"", data, false});
      // A log's arrivals never go back (a --test-clock may).
      const int64_t arrival = std::max(now_ms, log_->last_arrival_ms());
      out.status = log_->append(arrival, logged);
      if (out.status != log::AppendStatus::kOk) return out;
      first = log_->end() - records.size();
      out.sync_generation = log_->sync_generation();
    }
    for (size_t i = 0; i < records.size(); ++i) {
      out.ids.push_back(next_record_id());
      ++accepted_;
      buffer_.push_back({out.ids.back(), records[i], now_ms, std::nullopt, first + i});
      buffered_bytes_ += records[i].size();
      bytes += records[i].size();
    }
  }
  counters_.incoming_records += records.size();
  counters_.incoming_bytes += bytes;
  cv_.notify_all();
  return out;
}

void DeliveryStream::remove(int64_t now_ms, int64_t gone_at_ms) {
  base::MutexLock lock(mu_);
  deleting_at_ms_ = now_ms;
  gone_at_ms_ = gone_at_ms;
}

void DeliveryStream::read_source(std::vector<BufferedRecord>& into) {
  base::UniqueLock lock(tails_mu_);
  const auto drained = log::read_tails(
      tails_, world_.clock.now_ms(), [&](const log::Shard& shard, const log::RecordView& r) {
        const auto sequence = shard.sequence_at(r.position, r.arrival_ms).to_string();
        // KPL aggregates are de-aggregated before anything else sees them (the
        // transform, the partitioning keys, the destination), each user record
        // with its own partition key and subsequence number; a malformed one
        // goes on whole, as the KPL's own de-aggregator passes it on.
        if (log::has_aggregation_magic(r.data)) {
          if (auto users = log::deaggregate(r.data)) {
            for (uint64_t i = 0; i < users->size(); ++i) {
              auto& user = (*users)[i];
              BufferedRecord b;
              b.data = std::move(user.data);
              b.arrival_ms = r.arrival_ms;
              b.kinesis = KinesisMetadata{shard.id(), std::move(user.partition_key), sequence,
                                          r.arrival_ms, i};
              into.push_back(std::move(b));
            }
            return;
          }
        }
        BufferedRecord b;
        b.data.assign(r.data);
        b.arrival_ms = r.arrival_ms;
        b.kinesis =
            KinesisMetadata{shard.id(), std::string(r.partition_key), sequence, r.arrival_ms, 0};
        into.push_back(std::move(b));
      });
  drained_.insert(drained.begin(), drained.end());
  lock.unlock();
  // Its children become ready: the follower adds their tails (under tails_mu_).
  for (const auto& id : drained)
    if (follower_) follower_->done(id);
}

void DeliveryStream::run() {
  base::UniqueLock lock(mu_);
  for (;;) {
    if (follower_) {
      std::vector<BufferedRecord> read;
      lock.unlock();
      read_source(read);
      lock.lock();
      for (auto& r : read) {
        ++accepted_;
        r.record_id = next_record_id();
        buffered_bytes_ += r.data.size();
        counters_.incoming_records += 1;
        counters_.incoming_bytes += r.data.size();
        buffer_.push_back(std::move(r));
      }
    }
    if (discarded_) {
      drop_buffer();
      return;
    }
    const int64_t now = world_.clock.now_ms();
    if (buffer_.empty()) flushing_ = false;  // a flush ends once its buffer is out
    const bool due =
        !buffer_.empty() && (stopping_ || deleting_at_ms_ || flushing_ ||
                             buffered_bytes_ >= static_cast<uint64_t>(config_.s3.buffer_bytes) ||
                             now - buffer_.front().arrival_ms >= config_.s3.buffer_interval_ms);
    if (due) {
      const auto checkpoint = checkpoint_now();
      // What put() charged to --max-memory-mb, given back once delivered.
      const uint64_t charged = world_.budget && !log_ && !follower_ ? buffered_bytes_ : 0;
      auto records = std::move(buffer_);
      buffer_.clear();
      buffered_bytes_ = 0;
      lock.unlock();
      const uint64_t count = records.size();
      deliver(std::move(records));
      settled_.fetch_add(count, std::memory_order_release);
      if (charged) world_.budget->add(-static_cast<int64_t>(charged));
      if (!unfinished_) commit(checkpoint);
      lock.lock();
      continue;
    }
    if (stopping_) return;
    // Woken by puts and appends; the 50 ms also lets a --test-clock move count.
    cv_.wait_for(lock.native(), std::chrono::milliseconds(50));
  }
}

void DeliveryStream::backup_stage(const S3Destination& s3,
                                  const std::vector<BufferedRecord>& records, int version,
                                  int64_t oldest_ms) {
  if (!s3.backup_enabled || !s3.backup) return;
  std::string body;
  for (const auto& r : records) body += r.data;
  const ObjectWriter backup(writer_, *s3.backup);
  backup.write(object_key(s3.backup->prefix, identity_.name, version, oldest_ms), body);
}

std::vector<BufferedRecord> DeliveryStream::deaggregation_stage(
    const S3Destination& s3, std::vector<BufferedRecord> records) {
  const Processor* p = s3.processor("RecordDeAggregation");
  std::string error;
  const auto how = p ? sub_record_split(*p, error) : std::nullopt;
  if (!how) return records;
  std::vector<BufferedRecord> out;
  out.reserve(records.size());
  for (auto& r : records) {
    auto pieces = split_sub_records(r.data, *how);
    if (pieces.size() == 1) {
      out.push_back(std::move(r));
      continue;
    }
    base::MutexLock lock(mu_);  // each sub-record is a record of its own, with its own id
    for (auto& piece : pieces) {
      BufferedRecord sub{next_record_id(), std::move(piece), r.arrival_ms, r.kinesis, r.position};
      out.push_back(std::move(sub));
    }
  }
  return out;
}

PartitionQuery* DeliveryStream::query_of(const S3Destination& s3, std::string& error) {
  const Processor* extraction = s3.processor("MetadataExtraction");
  const std::string* program = extraction ? extraction->param("MetadataExtractionQuery") : nullptr;
  if (!program) return nullptr;
  if (!query_ || query_program_ != *program) {
    query_.reset();
    auto compiled = PartitionQuery::compile(*program);
    if (!compiled.ok()) {
      error = compiled.error().message;
      return nullptr;
    }
    query_ = std::move(compiled.value());
    query_program_ = *program;
  }
  return query_.get();
}

DeliveryStream::Transformed DeliveryStream::transform_stage(
    const DeliveryConfig& config, const std::vector<BufferedRecord>& records) {
  Transformed t;
  const Processor* p = config.s3.processor("Lambda");
  if (!p) {
    for (const auto& r : records) t.records.push_back({&r, r.data});
    return t;
  }
  const auto* arn = p->param("LambdaArn");
  const std::string function = arn ? function_of(*arn) : "";
  t.failed.error_type = "processing-failed";
  t.failed.error_prefix = config.s3.error_output_prefix;
  auto fail = [&](const BufferedRecord& r, std::string code, std::string message) {
    FailureDocument d{t.attempts, r.arrival_ms, std::move(code), std::move(message), r.data};
    if (arn) d.detail["lambdaArn"] = *arn;
    t.failed.documents.push_back(std::move(d));
  };
  const auto* registered = world_.handlers ? world_.handlers->find(function) : nullptr;
  if (!registered) {
    for (const auto& r : records)
      fail(
          r, "Lambda.FunctionError",
          "kinesisd has no handler '" + function + "' (register it in the config file's handlers)");
    return t;
  }
  TransformCall call{*arn, identity_.arn, config.source_stream_arn, identity_.region, 3};
  if (const auto* retries = p->param("NumberOfRetries")) call.retries = std::atoi(retries->c_str());
  auto outcome = transform(*registered->handler, call, records, cancel_);
  t.records = std::move(outcome.delivered);
  t.attempts = outcome.attempts;
  for (auto& f : outcome.failed)
    fail(*f.record, std::move(f.error_code), std::move(f.error_message));
  return t;
}

// Dynamic partitioning: each record's prefix from its keys; a record whose
// keys cannot be had goes to the error output ("Dynamic partitioning error
// handling", the Firehose developer guide).
DeliveryStream::Partitioned DeliveryStream::partition_stage(
    const S3Destination& s3, const std::vector<OutgoingRecord>& records, int attempts) {
  Partitioned p;
  p.failed.error_type = "partitioning-failed";
  p.failed.error_prefix = s3.error_output_prefix;
  if (!s3.dynamic_partitioning) {
    for (const auto& r : records) p.partitions[""].push_back(&r);
    return p;
  }
  auto fail = [&](const OutgoingRecord& r, std::string message) {
    p.failed.documents.push_back({attempts, r.record->arrival_ms,
                                  "DynamicPartitioning.MetadataExtractionFailed",
                                  std::move(message), r.record->data});
  };
  std::string query_error;
  PartitionQuery* query = query_of(s3, query_error);
  const bool wants_query = s3.processor("MetadataExtraction") != nullptr;
  for (const auto& r : records) {
    PartitionKeys from_query;
    std::string error = query_error;
    if (wants_query) {
      auto keys = query ? query->keys(r.data, error) : std::nullopt;
      if (!keys) {
        fail(r, error);
        continue;
      }
      from_query = std::move(*keys);
    }
    std::string missing;
    auto prefix = partition_prefix(s3.prefix, from_query, r.lambda_keys, missing);
    if (!prefix) {
      fail(r, "The record has no partitioning key for !{" + missing + "}.");
      continue;
    }
    p.partitions[*prefix].push_back(&r);
  }
  return p;
}

// Firehose retries S3 for 24 hours, and a Kinesis-stream source until its
// records leave the stream's retention ("Handle data delivery failure").
int64_t DeliveryStream::s3_retry_window_ms() const {
  int64_t hours = 24;
  const DeliveryConfig c = config();
  if (c.type == "KinesisStreamAsSource" && world_.kinesis)
    if (const auto ref = protocol::parse_stream_arn(c.source_stream_arn))
      if (const auto stream = world_.kinesis->find(ref->account, ref->region, ref->name))
        hours = stream->meta().retention_hours;
  return hours * 3'600'000;
}

bool DeliveryStream::retry_s3_write(int attempt) {
  const int64_t now = world_.clock.now_ms();
  if (attempt == 0) {
    s3_failing_since_ms_ = now;
    s3_retry_window_ms_ = s3_retry_window_ms();
  }
  counters_.delivery_errors += 1;
  if (cancel_.load()) return false;
  base::UniqueLock lock(mu_);
  if ((stopping_ || deleting_at_ms_) && attempt >= 5) {
    // With a journal a shutdown drops nothing: the buffer is not checkpointed
    // and is delivered again after the restart.
    const bool kept = stopping_ && !deleting_at_ms_ && world_.journal;
    if (kept) unfinished_ = true;
    spdlog::error(
        "delivery stream {}: an object not written after {} attempts is {} as the stream {}",
        identity_.name, attempt + 1, kept ? "kept for the next start" : "dropped",
        stopping_ ? "shuts down" : "is deleted");
    return false;
  }
  if (now - s3_failing_since_ms_ >= s3_retry_window_ms_) {
    spdlog::error(
        "delivery stream {}: an object not written for {} hours is dropped, as "
        "Firehose drops it",
        identity_.name, s3_retry_window_ms_ / 3'600'000);
    return false;
  }
  // Woken early by a shutdown, which then makes its last attempts at once.
  const auto backoff = std::chrono::milliseconds(200 << std::min(attempt, 4));
  cv_.wait_for(lock.native(), backoff, [this]() REQUIRES(mu_) { return stopping_; });
  return true;
}

bool DeliveryStream::wait_http_retry(int attempt, std::chrono::milliseconds backoff) {
  if (cancel_.load()) return false;
  base::UniqueLock lock(mu_);
  // A shutdown or deletion makes its last attempts at once, as S3 writes do
  // (retry_s3_write), then gives up: the records go to the error output.
  if (stopping_ || deleting_at_ms_) return attempt < 5;
  cv_.wait_for(lock.native(), backoff,
               [this]() REQUIRES(mu_) { return stopping_ || cancel_.load(); });
  return !cancel_.load();
}

void DeliveryStream::deliver(std::vector<BufferedRecord> records) {
  const DeliveryConfig config = this->config();
  const S3Destination& s3 = config.s3;
  const int version = this->version();
  const int64_t oldest = records.front().arrival_ms;

  backup_stage(s3, records, version, oldest);
  records = deaggregation_stage(s3, std::move(records));
  Transformed transformed = transform_stage(config, records);
  // Only S3 destinations partition (creation refuses dynamic partitioning
  // elsewhere).
  Partitioned partitioned =
      config.http ? Partitioned{} : partition_stage(s3, transformed.records, transformed.attempts);
  if (config.http)
    for (const auto& r : transformed.records) partitioned.partitions[""].push_back(&r);
  if (const Processor* p = s3.processor("AppendDelimiterToRecord")) {
    const auto* d = p->param("Delimiter");
    const std::string delimiter = d ? unescape(*d) : "\n";
    for (auto& r : transformed.records) r.data += delimiter;
  }

  const ObjectWriter objects(writer_, s3);
  std::unique_ptr<Destination> destination;
  if (config.http)
    destination = std::make_unique<HttpRequestDestination>(
        *config.http, s3, objects, identity_.name, identity_.arn, world_.clock, cancel_,
        [this](int attempt, std::chrono::milliseconds backoff) {
          return wait_http_retry(attempt, backoff);
        });
  else
    destination = std::make_unique<S3ObjectDestination>(s3, objects, identity_.name);
  const DestinationOutcome put =
      destination->put(DeliveryBatch{transformed.records, partitioned.partitions, oldest, version});
  counters_.delivered_records += put.delivered;
  counters_.objects += put.objects;
  if (put.delivered > 0) counters_.last_delivery_ms = world_.clock.now_ms();

  for (const FailureGroup* group : std::initializer_list<const FailureGroup*>{
           &put.failed, &transformed.failed, &partitioned.failed}) {
    write_failures(objects, *group, identity_.name, version, oldest, world_.clock.now_ms());
    counters_.failed_records += group->documents.size();
  }
}

}  // namespace kinesisd::delivery
