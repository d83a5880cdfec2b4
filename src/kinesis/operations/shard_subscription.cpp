#include "kinesis/operations/shard_subscription.hpp"

#include "kinesis/operations/input.hpp"
#include "kinesis/operations/shard_description.hpp"
#include "protocol/base64.hpp"
#include "protocol/cbor.hpp"
#include "protocol/event_stream.hpp"

namespace kinesisd::operations {

using nlohmann::json;
namespace {

constexpr uint64_t kMaxEventBytes = 1024 * 1024;
constexpr uint64_t kMaxEventRecords = 10000;

}  // namespace

std::string ShardSubscription::claim_key(std::string_view consumer_name,
                                         std::string_view shard_id) {
  return log::SubscriptionLeases::key_of(consumer_name, shard_id);
}

ShardSubscription::ShardSubscription(const log::Clock& clock, std::shared_ptr<log::Stream> stream,
                                     std::string consumer_name, std::shared_ptr<log::Shard> shard,
                                     uint64_t position, uint64_t generation,
                                     std::string content_type, SubscriptionTiming timing)
    : clock_(clock),
      stream_(std::move(stream)),
      consumer_name_(std::move(consumer_name)),
      shard_(std::move(shard)),
      key_(claim_key(consumer_name_, shard_->id())),
      generation_(generation),
      content_type_(std::move(content_type)),
      timing_(timing),
      started_ms_(clock.now_ms()),
      ends_at_(Clock::now() + std::chrono::milliseconds(timing.lifetime_ms)),
      last_event_ms_(started_ms_) {
  if (stream_->limited()) push_.emplace(2.0 * 1024 * 1024, 2.0 * 1024 * 1024);
  tail_ = std::make_unique<log::ShardTail>(stream_, shard_, position, [this] {
    base::MutexLock lock(wake_mu_);
    if (wake_) wake_();
  });
}

ShardSubscription::~ShardSubscription() { close(); }

bool ShardSubscription::cbor() const { return content_type_ == protocol::kAmzCbor; }

std::string ShardSubscription::encode(const json& payload) const {
  if (!cbor()) return payload.dump();
  static const protocol::Shape* const event_shape =
      protocol::Model::kinesis().shape("SubscribeToShardEvent");
  return protocol::json_reply_to_cbor(payload, event_shape);
}

std::string_view ShardSubscription::exception_content_type() const {
  return cbor() ? protocol::kAmzCbor : std::string_view("application/json");
}

// ContinuationSequenceNumber: the point just before `next_position`, issued
// at `now_ms` (kinesis/log/sequence_number.hpp, kind 01). A reader that resumes
// AFTER_SEQUENCE_NUMBER of it lands on next_position: nothing skipped, nothing
// delivered twice.
std::string ShardSubscription::continuation_at(uint64_t next_position, int64_t now_ms) const {
  log::SequenceNumber s = shard_->starting_sequence();
  s.counter = next_position;
  s.record_s = static_cast<uint64_t>(now_ms / 1000);
  s.continuation = true;
  return s.to_string();
}

void ShardSubscription::set_waker(std::function<void()> wake) {
  {
    base::MutexLock lock(wake_mu_);
    wake_ = std::move(wake);
  }
  // A takeover ends this subscription at once (poll() sees the lease gone).
  stream_->subscriptions().watch(key_, generation_, [this] {
    base::MutexLock lock(wake_mu_);
    if (wake_) wake_();
  });
}

void ShardSubscription::close() {
  if (closed_.exchange(true)) return;
  tail_.reset();  // no append wakes it any more
  stream_->subscriptions().release(key_, generation_);
}

// One SubscribeToShardEvent from the tail's position; sets finished_ at a
// closed shard's end.
std::string ShardSubscription::event(int64_t now_ms) {
  const bool closed = shard_->closed();  // before reading: a later close is seen next time
  json records = json::array();
  uint64_t bytes = 0;
  const auto read =
      tail_->read(now_ms, kMaxEventRecords, kMaxEventBytes, [&](const log::RecordView& r) {
        json rec{{"SequenceNumber", shard_->sequence_at(r.position, r.arrival_ms).to_string()},
                 {"ApproximateArrivalTimestamp", epoch_seconds(r.arrival_ms)},
                 {"Data", protocol::base64_encode(r.data)}};
        if (!r.partition_key.empty()) rec["PartitionKey"] = r.partition_key;  // AUTO, keyless
        if (r.encrypted) rec["EncryptionType"] = "KMS";
        bytes += r.partition_key.size() + r.data.size();
        records.push_back(std::move(rec));
        return true;
      });
  const bool at_end = read.next_position >= read.end_position;
  if (records.empty() && !(closed && at_end) && now_ms - last_event_ms_ < timing_.heartbeat_ms)
    return {};

  tail_->seek(read.next_position);
  last_event_ms_ = now_ms;
  if (push_) push_->charge(now_ms, static_cast<double>(bytes));
  auto& counters = shard_->counters();
  counters.outgoing_records.fetch_add(records.size(), std::memory_order_relaxed);
  counters.outgoing_bytes.fetch_add(bytes, std::memory_order_relaxed);
  const int64_t behind = at_end ? 0 : std::max<int64_t>(0, now_ms - read.next_arrival_ms);
  json payload{{"Records", std::move(records)}, {"MillisBehindLatest", behind}};
  if (closed && at_end) {
    payload["ChildShards"] = child_shards(*stream_, *shard_);
    finished_ = true;
  } else {
    payload["ContinuationSequenceNumber"] = continuation_at(read.next_position, now_ms);
  }
  return protocol::encode_event("SubscribeToShardEvent", content_type_, encode(payload));
}

protocol::StreamedBody::Next ShardSubscription::poll() {
  Next next;
  const int64_t now = clock_.now_ms();
  if (!sent_initial_) {
    next.bytes = protocol::encode_event("initial-response", content_type_, encode(json::object()));
    sent_initial_ = true;
  }
  if (finished_ || closed_.load()) {
    next.finished = true;
    return next;
  }
  if (!stream_->subscriptions().holds(key_, generation_)) {
    next.bytes += protocol::encode_exception("ResourceInUseException",
                                             "Another active subscription exists for consumer " +
                                                 consumer_name_ + " on shard " + shard_->id() + ".",
                                             exception_content_type());
    finished_ = next.finished = true;
    return next;
  }
  const auto consumer = stream_->consumer(consumer_name_, now);
  // A stream being deleted takes its consumers with it: the subscription ends
  // as the deletion starts (the deletion wakes it), not when the stream is gone.
  if (stream_->status(now) == log::StreamStatus::kDeleting || !consumer ||
      consumer->status(now) != log::ConsumerStatus::kActive) {
    next.bytes += protocol::encode_exception(
        "ResourceNotFoundException",
        "Consumer " + consumer_name_ + " of stream " + stream_->name() + " is no longer active.",
        exception_content_type());
    finished_ = next.finished = true;
    return next;
  }
  if (Clock::now() >= ends_at_) {  // the 5-minute lifetime is over: end quietly
    finished_ = next.finished = true;
    return next;
  }

  // At most 2 MiB/s pushed per consumer and shard (--limits aws): a debt
  // from the last event is waited out before the next.
  if (push_) {
    if (const int64_t wait = push_->wait_ms(now, 0); wait > 0) {
      next.wake_at = Clock::now() + std::chrono::milliseconds(wait);
      return next;
    }
  }
  const uint64_t before = tail_->position();
  next.bytes += event(now);
  next.finished = finished_;
  // More to read right away, or wait for an append, the heartbeat or the end.
  const bool more = tail_->position() != before && tail_->position() < shard_->latest();
  next.wake_at =
      more ? Clock::now()
           : std::min(ends_at_, Clock::now() + std::chrono::milliseconds(
                                                   last_event_ms_ + timing_.heartbeat_ms - now));
  return next;
}

}  // namespace kinesisd::operations
