// A Kinesis channel (CreateChannel, 2026): managed delivery of one on-demand
// stream's records to a general purpose S3 bucket, as the Kinesis developer
// guide's "Data delivery" pages describe it. Its thread reads every shard of
// the stream in lineage order (log::StreamFollower, so reshards lose and
// repeat nothing), from the moment the channel is ACTIVE (no backfill),
// checks each record against the RecordFormatType (JSON must parse, STRING
// must be UTF-8, BYTE_ARRAY as is) and buffers it until the oldest buffered
// record is DataFreshnessInSeconds old on kinesisd's clock (so --test-clock
// moves it). Then it writes one object under the key template, compressed
// NONE/GZIP/ZSTD, the invalid records as one JSON-lines object in the
// dead-letter location, and only then its checkpoint: what is acknowledged
// to a producer reaches the bucket at least once, across restarts.
//
// Objects: JSON and STRING records one per line, BYTE_ARRAY records
// back to back (AWS delivers records "as is"; it documents no delimiter).
//
// Thread-safety: every public method may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.hpp"
#include "buckets/object_store.hpp"
#include "kinesis/log/shard_tail.hpp"
#include "kinesis/log/stream_follower.hpp"
#include "kinesis/log/stream_store.hpp"
#include "storage/database.hpp"

namespace kinesisd::channels {

// What CreateChannel made: its input with AWS's defaults filled in (what
// DescribeChannel echoes), and the parts delivery reads from it.
struct ChannelDefinition {
  std::string account, region, name, id, arn;
  int64_t created_ms = 0;
  int64_t stream_created_ms = 0;
  nlohmann::json request;  // CreateChannel's input, defaults filled in
  // Read from `request`:
  std::string stream_arn, record_format;
  std::string bucket, key_template, compression;
  std::string dlq_bucket, dlq_prefix;

  // The definition `request` (validated, defaults filled) describes.
  static ChannelDefinition from(nlohmann::json request, std::string account, std::string region,
                                std::string id, int64_t created_ms, int64_t stream_created_ms);
  nlohmann::json to_json() const;
  static ChannelDefinition from_json(const nlohmann::json& j);
};

// When a channel's status changes, on kinesisd's clock. Values, replaced whole.
struct ChannelTimes {
  int64_t active_at_ms = 0;      // CREATING before
  int64_t updated_until_ms = 0;  // UPDATING before (after an UpdateChannel)
  int64_t deleting_at_ms = 0;    // DELETING from (0: not deleted)
  int64_t gone_at_ms = 0;        // forgotten from
};

struct ChannelWorld {
  log::StreamStore& streams;
  const buckets::ObjectStore* s3;  // never null: CreateChannel is refused without one
  storage::Database* db;           // null without --data-dir
};

class Channel {
 public:
  // Starts its thread. `checkpoint`: where a restarted channel resumes.
  Channel(ChannelDefinition definition, ChannelTimes times, int freshness_s, nlohmann::json logging,
          const ChannelWorld& world, std::optional<nlohmann::json> checkpoint = std::nullopt);
  ~Channel();
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  const ChannelDefinition& definition() const { return definition_; }
  std::string status(int64_t now_ms) const;
  ChannelTimes times() const;
  // ChannelDescription (DescribeChannel, CreateChannel, UpdateChannel).
  nlohmann::json description(int64_t now_ms) const;

  // UpdateChannel: only DataFreshnessInSeconds and LoggingConfiguration change.
  void update(std::optional<int> freshness_s, std::optional<nlohmann::json> logging, int64_t now_ms,
              int64_t update_delay_ms);
  // DeleteChannel: what is buffered is still delivered.
  void remove(int64_t now_ms, int64_t delete_delay_ms);
  // Its tags (CreateChannel's Tags, then TagResource and UntagResource).
  std::map<std::string, std::string> tags() const;
  void change_tags(const std::map<std::string, std::string>& added,
                   const std::vector<std::string>& removed);
  // Writes its definition and state to the data directory, if there is one.
  void save() const;
  // Delivers what is buffered now, whatever its age.
  void flush();
  // Stops its thread; what it buffered is dropped, nothing more is written.
  void discard();

  // The records it has read and not yet delivered (or sent to the DLQ).
  uint64_t buffered() const;
  // Once it reads (ACTIVE): where it has read each shard to, UINT64_MAX for
  // the shards it has read to their end. Empty before.
  std::map<std::string, uint64_t> source_positions();

 private:
  struct Buffered {
    std::string data;
    int64_t arrival_ms;
    std::string shard_id, sequence;
  };
  void run();
  void start_reading() REQUIRES(mu_);
  void read(std::vector<Buffered>& good, std::vector<std::pair<Buffered, std::string>>& bad);
  // Writes the object and the dead letters; "" once both are written, else why not.
  std::string write(const std::vector<Buffered>& buffer,
                    const std::vector<std::pair<Buffered, std::string>>& dead) const;
  nlohmann::json checkpoint_now();
  void persist() const REQUIRES(mu_);
  std::string invalid(std::string_view data) const;

  const ChannelDefinition definition_;
  const ChannelWorld world_;

  mutable base::Mutex mu_;
  std::condition_variable cv_;
  ChannelTimes times_ GUARDED_BY(mu_);
  int freshness_s_ GUARDED_BY(mu_);
  nlohmann::json logging_ GUARDED_BY(mu_);
  std::map<std::string, std::string> tags_ GUARDED_BY(mu_);
  std::optional<nlohmann::json> checkpoint_ GUARDED_BY(mu_);  // restored, until reading starts
  bool reading_ GUARDED_BY(mu_) = false;
  bool stopping_ GUARDED_BY(mu_) = false;
  bool flushing_ GUARDED_BY(mu_) = false;
  std::vector<Buffered> buffer_ GUARDED_BY(mu_);
  std::vector<std::pair<Buffered, std::string>> dead_ GUARDED_BY(mu_);
  uint64_t buffered_bytes_ GUARDED_BY(mu_) = 0;
  std::atomic<uint64_t> pending_{0};
  std::atomic<bool> woken_{false};  // a tail has new records
  std::string last_error_ GUARDED_BY(mu_);

  std::shared_ptr<log::StreamFollower> follower_;  // set once reading starts
  base::Mutex tails_mu_;
  std::vector<std::unique_ptr<log::ShardTail>> tails_ GUARDED_BY(tails_mu_);
  std::set<std::string> drained_ GUARDED_BY(tails_mu_);

  std::thread thread_;
};

}  // namespace kinesisd::channels
