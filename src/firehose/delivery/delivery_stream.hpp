// One Firehose delivery stream at run time: records come in (PutRecord /
// PutRecordBatch, or read from a Kinesis stream through the shard tail), wait
// in its buffer until BufferingHints' size or interval is reached, and are
// delivered in stages (destination.hpp):
//   the source backup (S3BackupMode Enabled) -> de-aggregate
//   (RecordDeAggregation) -> transform (a Lambda processor by a registered
//   handler) -> partition (dynamic partitioning) -> encode
//   (AppendDelimiterToRecord) -> put (the Destination: S3 objects, an HTTP
//   endpoint, an OpenSearch domain) -> error output and backup.
// The buffer's interval runs on kinesisd's clock, so --test-clock moves it.
//
// With a data directory (DeliveryWorld::journal) nothing acknowledged is
// lost: a DirectPut stream's records are in its log before put() returns,
// and a checkpoint, saved after each delivered buffer, says what the
// destination (or its error output) has; a Kinesis source's checkpoint is
// its shards' positions. After a restart what follows the checkpoint is
// delivered again: at least once, as Firehose promises (twice only for a
// buffer that was being delivered when the process died).
//
// Thread-safe: a thread of its own delivers; everything else may be called
// from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.hpp"
#include "buckets/object_store.hpp"
#include "firehose/delivery/delivery_config.hpp"
#include "firehose/delivery/error_output.hpp"
#include "firehose/delivery/object_writer.hpp"
#include "firehose/delivery/partition_query.hpp"
#include "firehose/delivery/record_transform.hpp"
#include "kinesis/log/clock.hpp"
#include "kinesis/log/memory_budget.hpp"
#include "kinesis/log/shard_tail.hpp"
#include "kinesis/log/stream_follower.hpp"
#include "kinesis/log/stream_store.hpp"
#include "lambda/handler/handler_registry.hpp"

namespace kinesisd::delivery {

struct DeliveryIdentity {
  std::string name, region, account, arn;
  int64_t created_ms = 0;
};

// What a delivery stream runs with.
class DeliveryJournal;

struct DeliveryWorld {
  const log::Clock& clock;
  const buckets::ObjectStore* s3 = nullptr;  // --s3-dir, or an S3 API endpoint
  const handler::HandlerRegistry* handlers = nullptr;
  log::StreamStore* kinesis = nullptr;  // a KinesisStreamAsSource's stream lives here
  DeliveryJournal* journal = nullptr;   // --data-dir: definitions, records, checkpoints
  // Without one, --max-memory-mb: buffered PutRecord(Batch) records count
  // against it like stream records, and a put past it is refused.
  log::MemoryBudget* budget = nullptr;
};

struct DeliveryCounters {
  std::atomic<uint64_t> incoming_records{0}, incoming_bytes{0};
  std::atomic<uint64_t> delivered_records{0}, delivered_bytes{0}, objects{0};
  std::atomic<uint64_t> failed_records{0};
  std::atomic<uint64_t> delivery_errors{0};  // failed attempts to write to S3 (then retried)
  std::atomic<int64_t> last_delivery_ms{0};
};

class DeliveryStream {
 public:
  // Delivers from the start, unless `start_now` is false: then once start()
  // is called (a restored stream, after its updates are replayed).
  DeliveryStream(DeliveryIdentity identity, DeliveryConfig config, DeliveryWorld world,
                 int64_t ready_at_ms, bool start_now = true);
  ~DeliveryStream();
  DeliveryStream(const DeliveryStream&) = delete;
  DeliveryStream& operator=(const DeliveryStream&) = delete;

  void start();

  const DeliveryIdentity& identity() const { return identity_; }
  // CREATING until ready_at_ms, ACTIVE, DELETING once deleted.
  std::string status(int64_t now_ms) const;
  bool gone(int64_t now_ms) const;
  int64_t ready_at_ms() const { return ready_at_ms_; }
  // When it started deleting and when it is gone (0, 0 while it is not).
  std::pair<int64_t, int64_t> deletion() const;

  DeliveryConfig config() const;
  int version() const;
  int64_t updated_ms() const;  // 0 until UpdateDestination
  // UpdateDestination: the new destination, and the version after it.
  int replace_destination(S3Destination s3, int64_t now_ms);

  std::vector<std::pair<std::string, std::string>> tags() const;
  void tag(const std::vector<std::pair<std::string, std::string>>& tags);
  void untag(const std::vector<std::string>& keys);
  nlohmann::json encryption() const;
  void set_encryption(nlohmann::json encryption);

  // Buffers records (in the journal's log first, when there is one).
  struct Put {
    log::AppendStatus status = log::AppendStatus::kOk;
    std::vector<std::string> ids;  // in order, when kOk
    uint64_t sync_generation = 0;  // for DeliveryJournal::when_synced
  };
  Put put(const std::vector<std::string>& records, int64_t now_ms);
  // Starts deleting: what is buffered is delivered first.
  void remove(int64_t now_ms, int64_t gone_at_ms);
  // Stops at once, delivering nothing more: what is buffered is dropped
  // (/_kinesisd/reset). A delivery already under way finishes.
  void discard();

  const DeliveryCounters& counters() const { return counters_; }

  // For /_kinesisd/wait and flush (control/settling): records taken into the
  // buffer so far (put or read from the source), records whose buffer has
  // been through delivery (delivered, or written to the error output), the
  // source's shard positions read so far (a Kinesis source), and a request to
  // deliver what is buffered now, whatever BufferingHints say.
  uint64_t accepted() const;
  uint64_t settled() const { return settled_.load(std::memory_order_acquire); }
  std::map<std::string, uint64_t> source_positions();
  void flush();
  // What waits in the buffer for the next delivery.
  struct BufferFill {
    uint64_t records = 0, bytes = 0;
  };
  BufferFill buffer_fill() const;

 private:
  void run();
  // Starts reading a Kinesis source: from its checkpoint, else from LATEST.
  void follow_source(const std::string& source_arn);
  // A restarted DirectPut stream: the log's records after the checkpoint
  // are buffered again.
  void recover_log() REQUIRES(mu_);
  // Empties the buffer without delivering it, giving back its --max-memory-mb charge.
  void drop_buffer() REQUIRES(mu_);
  // What a buffer cut now has delivered once it is through (journal layout).
  nlohmann::json checkpoint_now() REQUIRES(mu_);
  // Saves it, and lets the log drop what it passed.
  void commit(const nlohmann::json& checkpoint);
  void read_source(std::vector<BufferedRecord>& into);
  // One buffer through the stages; each stage's failures are a FailureGroup
  // for the error output.
  void deliver(std::vector<BufferedRecord> records);
  struct Transformed {
    std::vector<OutgoingRecord> records;  // the Ok ones, in order
    FailureGroup failed;                  // processing-failed
    int attempts = 1;
  };
  // S3BackupMode Enabled: the buffer's records as they came in, to the backup.
  void backup_stage(const S3Destination& s3, const std::vector<BufferedRecord>& records,
                    int version, int64_t oldest_ms);
  // RecordDeAggregation: each record's sub-records become records.
  std::vector<BufferedRecord> deaggregation_stage(const S3Destination& s3,
                                                  std::vector<BufferedRecord> records);
  Transformed transform_stage(const DeliveryConfig& config,
                              const std::vector<BufferedRecord>& records);
  struct Partitioned {
    std::map<std::string, std::vector<const OutgoingRecord*>> partitions;
    FailureGroup failed;  // partitioning-failed
  };
  Partitioned partition_stage(const S3Destination& s3, const std::vector<OutgoingRecord>& records,
                              int attempts);
  // The destination's compiled MetadataExtractionQuery (kept while it stays the
  // same), or nullptr with `error` when it has none or it does not compile.
  // Only the delivering thread calls it.
  PartitionQuery* query_of(const S3Destination& s3, std::string& error);
  std::string next_record_id() REQUIRES(mu_);
  // The S3 writes' RetryPolicy: backoff from 200 ms doubling to 3.2 s, for
  // s3_retry_window_ms() on kinesisd's clock (Firehose's S3 retry window); a
  // stream being deleted or shut down gives up after 6 attempts.
  bool retry_s3_write(int attempt);
  // http_delivery's RetryWait: the delivery stream's condition, not a sleep.
  bool wait_http_retry(int attempt, std::chrono::milliseconds backoff);
  int64_t s3_retry_window_ms() const;

  const DeliveryIdentity identity_;
  const DeliveryWorld world_;
  const int64_t ready_at_ms_;
  DeliveryCounters counters_;

  mutable base::Mutex mu_;
  std::condition_variable cv_;
  DeliveryConfig config_ GUARDED_BY(mu_);
  int version_ GUARDED_BY(mu_) = 1;
  int64_t updated_ms_ GUARDED_BY(mu_) = 0;
  std::vector<std::pair<std::string, std::string>> tags_ GUARDED_BY(mu_);
  nlohmann::json encryption_ GUARDED_BY(mu_);
  std::vector<BufferedRecord> buffer_ GUARDED_BY(mu_);
  uint64_t buffered_bytes_ GUARDED_BY(mu_) = 0;
  uint64_t next_record_ GUARDED_BY(mu_) = 0;
  int64_t deleting_at_ms_ GUARDED_BY(mu_) = 0;
  int64_t gone_at_ms_ GUARDED_BY(mu_) = 0;
  bool stopping_ GUARDED_BY(mu_) = false;
  bool discarded_ GUARDED_BY(mu_) = false;  // discard(): the buffer is dropped, not delivered
  bool flushing_ GUARDED_BY(mu_) = false;   // flush(): due now, until the buffer is empty
  uint64_t accepted_ GUARDED_BY(mu_) = 0;
  std::atomic<uint64_t> settled_{0};
  std::unique_ptr<log::ShardLog> log_ GUARDED_BY(mu_);  // DirectPut with a journal

  // A Kinesis stream as the source: its shards in lineage order.
  std::shared_ptr<log::StreamFollower> follower_;
  base::Mutex tails_mu_;
  std::vector<std::unique_ptr<log::ShardTail>> tails_ GUARDED_BY(tails_mu_);
  std::set<std::string> drained_ GUARDED_BY(tails_mu_);  // source shards read to their end
  std::atomic<bool> cancel_{false};
  ObjectWriterContext writer_;       // the delivering thread's
  int64_t s3_failing_since_ms_ = 0;  // the delivering thread's
  int64_t s3_retry_window_ms_ = 0;   // the delivering thread's
  bool unfinished_ = false;          // the delivering thread's: a shutdown cut a delivery short
  std::string query_program_;        // the delivering thread's
  std::unique_ptr<PartitionQuery> query_;  // the delivering thread's
  std::thread thread_;
};

}  // namespace kinesisd::delivery
