// One SubscribeToShard subscription: a StreamedBody that pushes a shard's
// records to a consumer as they are appended (a ShardTail, woken by the
// shard's appends, not a timer).
//
// Messages, in order (the SubscribeToShard API reference and the event stream
// encoding of the AWS SDKs):
//   initial-response                         first, payload {}
//   SubscribeToShardEvent                    Records, ContinuationSequenceNumber,
//                                            MillisBehindLatest; at most 1 MiB
//                                            of records each
//   SubscribeToShardEvent (heartbeat)        no records, every 5 s when idle
//   SubscribeToShardEvent with ChildShards   when a closed shard is read to its
//                                            end; the subscription then ends
//   exception ResourceInUseException         when a newer subscription took over
//   exception ResourceNotFoundException      when the consumer or stream went away
// The subscription ends after 5 minutes, as on AWS. With the stream's limits
// on, records are pushed at 2 MiB/s at most (the SubscribeToShard reference).
#pragma once

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "base/mutex.hpp"
#include "kinesis/log/clock.hpp"
#include "kinesis/log/shard_tail.hpp"
#include "kinesis/log/stream.hpp"
#include "kinesis/log/token_bucket.hpp"
#include "protocol/streamed_body.hpp"

namespace kinesisd::operations {

struct SubscriptionTiming {
  int64_t lifetime_ms = 5 * 60'000;
  int64_t heartbeat_ms = 5'000;
};

class ShardSubscription final : public protocol::StreamedBody {
 public:
  ShardSubscription(const log::Clock& clock, std::shared_ptr<log::Stream> stream,
                    std::string consumer_name, std::shared_ptr<log::Shard> shard, uint64_t position,
                    uint64_t generation, std::string content_type, SubscriptionTiming timing = {});
  ~ShardSubscription() override;

  Next poll() override;
  void set_waker(std::function<void()> wake) override;
  void close() override;

  static std::string claim_key(std::string_view consumer_name, std::string_view shard_id);

 private:
  std::string event(int64_t now_ms);
  std::string continuation_at(uint64_t next_position, int64_t now_ms) const;
  // Payloads in the request's body format: JSON, or CBOR by the model's shape.
  bool cbor() const;
  std::string encode(const nlohmann::json& payload) const;
  std::string_view exception_content_type() const;

  const log::Clock& clock_;
  const std::shared_ptr<log::Stream> stream_;
  const std::string consumer_name_;
  const std::shared_ptr<log::Shard> shard_;
  const std::string key_;
  const uint64_t generation_;
  const std::string content_type_;
  const SubscriptionTiming timing_;
  const int64_t started_ms_;
  const Clock::time_point ends_at_;

  bool sent_initial_ = false;
  bool finished_ = false;
  int64_t last_event_ms_;

  // poll(), set_waker() and close() run on the transport's executor; the
  // tail's append listener calls `wake_` from the appending thread.
  base::Mutex wake_mu_;
  std::function<void()> wake_ GUARDED_BY(wake_mu_);
  std::unique_ptr<log::ShardTail> tail_;
  std::atomic<bool> closed_{false};
  // The push rate, when the stream's limits are on.
  std::optional<log::TokenBucket> push_;
};

}  // namespace kinesisd::operations
