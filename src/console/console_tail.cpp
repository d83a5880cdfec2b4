#include "console/console_tail.hpp"

#include <nlohmann/json.hpp>

#include "protocol/base64.hpp"
#include "protocol/epoch_seconds.hpp"

namespace kinesisd::service {
namespace {

constexpr auto kKeepAlive = std::chrono::seconds(15);
constexpr uint64_t kMaxRecords = 1000;
constexpr uint64_t kMaxBytes = 1024 * 1024;

void append_event(std::string& out, std::string_view event, std::string_view data,
                  std::string_view id = {}) {
  if (!id.empty()) {
    out += "id: ";
    out += id;
    out += '\n';
  }
  out += "event: ";
  out += event;
  out += "\ndata: ";
  out += data;  // JSON from dump(): one line
  out += "\n\n";
}

}  // namespace

ConsoleTail::ConsoleTail(const log::Clock& clock, std::shared_ptr<log::Stream> stream,
                         std::shared_ptr<log::Shard> shard, uint64_t position)
    : clock_(clock),
      stream_(std::move(stream)),
      shard_(std::move(shard)),
      last_sent_(Clock::now()) {
  tail_ = std::make_unique<log::ShardTail>(stream_, shard_, position, [this] {
    base::MutexLock lock(wake_mu_);
    if (wake_) wake_();
  });
}

ConsoleTail::~ConsoleTail() { close(); }

void ConsoleTail::set_waker(std::function<void()> wake) {
  base::MutexLock lock(wake_mu_);
  wake_ = std::move(wake);
}

void ConsoleTail::close() {
  if (closed_.exchange(true)) return;
  tail_.reset();  // no append wakes it any more
}

protocol::StreamedBody::Next ConsoleTail::poll() {
  Next next;
  if (!opened_) {
    // The browser waits a second before it reconnects after a drop.
    next.bytes = "retry: 1000\n\n";
    opened_ = true;
  }
  if (finished_ || closed_.load()) {
    next.finished = true;
    return next;
  }
  const int64_t now = clock_.now_ms();
  if (stream_->status(now) == log::StreamStatus::kDeleting) {
    append_event(next.bytes, "end", R"({"reason":"deleted"})");
    finished_ = next.finished = true;
    return next;
  }
  const bool closed = shard_->closed();  // before reading: a later close is seen next time
  const uint64_t before = tail_->position();
  const auto read = tail_->read(now, kMaxRecords, kMaxBytes, [&](const log::RecordView& r) {
    const std::string sequence = shard_->sequence_at(r.position, r.arrival_ms).to_string();
    nlohmann::json record{{"SequenceNumber", sequence},
                          {"ApproximateArrivalTimestamp", protocol::epoch_seconds(r.arrival_ms)},
                          {"Data", protocol::base64_encode(r.data)},
                          {"PartitionKey", r.partition_key}};
    if (r.encrypted) record["EncryptionType"] = "KMS";
    append_event(next.bytes, "record", record.dump(), sequence);
    return true;
  });
  tail_->seek(read.next_position);
  const bool at_end = read.next_position >= read.end_position;
  if (closed && at_end) {
    append_event(next.bytes, "end", R"({"reason":"closed"})");
    finished_ = next.finished = true;
    return next;
  }
  const auto clock_now = Clock::now();
  if (next.bytes.empty() && clock_now - last_sent_ >= kKeepAlive) next.bytes = ": keep-alive\n\n";
  if (!next.bytes.empty()) last_sent_ = clock_now;
  const bool more = tail_->position() != before && tail_->position() < shard_->latest();
  next.wake_at = more ? clock_now : last_sent_ + kKeepAlive;
  return next;
}

}  // namespace kinesisd::service
