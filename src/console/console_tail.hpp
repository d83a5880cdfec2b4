// The console's live tail: one shard's records pushed to a browser as they
// are appended, as Server-Sent Events (the WHATWG HTML standard, section
// "Server-sent events"; the browser's EventSource reads them). A ShardTail
// wakes it on every append, never a timer.
//
// Events, in order:
//   event: record   id: <sequence number>   data: a record as GetRecords
//                   returns it (SequenceNumber, ApproximateArrivalTimestamp,
//                   Data in base64, PartitionKey[, EncryptionType])
//   : keep-alive    a comment every 15 s while nothing arrives
//   event: end      data: {"reason": "closed"|"deleted"}, then the body ends
// A browser that reconnects sends the last id in Last-Event-ID and the tail
// resumes right after that record: nothing skipped, nothing twice.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "base/mutex.hpp"
#include "kinesis/log/clock.hpp"
#include "kinesis/log/shard_tail.hpp"
#include "kinesis/log/stream.hpp"
#include "protocol/streamed_body.hpp"

namespace kinesisd::service {

class ConsoleTail final : public protocol::StreamedBody {
 public:
  static constexpr std::string_view kContentType = "text/event-stream; charset=utf-8";

  ConsoleTail(const log::Clock& clock, std::shared_ptr<log::Stream> stream,
              std::shared_ptr<log::Shard> shard, uint64_t position);
  ~ConsoleTail() override;

  Next poll() override;
  void set_waker(std::function<void()> wake) override;
  void close() override;

 private:
  const log::Clock& clock_;
  const std::shared_ptr<log::Stream> stream_;
  const std::shared_ptr<log::Shard> shard_;
  bool opened_ = false;
  bool finished_ = false;
  Clock::time_point last_sent_;

  // poll() and close() run on the transport's executor; the tail's append
  // listener calls `wake_` from the appending thread.
  base::Mutex wake_mu_;
  std::function<void()> wake_ GUARDED_BY(wake_mu_);
  std::unique_ptr<log::ShardTail> tail_;
  std::atomic<bool> closed_{false};
};

}  // namespace kinesisd::service
