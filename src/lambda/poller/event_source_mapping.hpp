// One event source mapping at run time: a stream tied to a handler. A
// StreamFollower hands it the stream's shards in lineage order (shards
// present at creation start at StartingPosition, shards born later at their
// trim horizon, children only once their parents are drained), and it runs a
// ShardPoller for each. It learns of its stream's deletion, or of a new
// stream under the same name, from the store's edits, never by polling.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aws/outbound.hpp"
#include "base/mutex.hpp"
#include "faults/fault_engine.hpp"
#include "kinesis/log/stream_follower.hpp"
#include "kinesis/log/stream_store.hpp"
#include "lambda/handler/handler_registry.hpp"
#include "lambda/poller/checkpoint_journal.hpp"
#include "lambda/poller/mapping_config.hpp"
#include "lambda/poller/shard_poller.hpp"

namespace kinesisd::poller {

// What a data directory brings back of a mapping.
struct RestoredMapping {
  std::string uuid;
  int64_t last_modified_ms = 0;
};

class EventSourceMapping : public std::enable_shared_from_this<EventSourceMapping> {
 public:
  // With a journal, checkpoints are saved as batches settle; `restored`
  // resumes from those saved for the stream as it is now.
  EventSourceMapping(std::string uuid, std::string region, std::string account,
                     MappingConfig config, handler::Registered handler, log::StreamStore& store,
                     CheckpointJournal* journal = nullptr,
                     const RestoredMapping* restored = nullptr);
  ~EventSourceMapping();
  EventSourceMapping(const EventSourceMapping&) = delete;
  EventSourceMapping& operator=(const EventSourceMapping&) = delete;

  // Fixes the starting positions of the stream's current shards (now, so a
  // record put right after creation is seen with LATEST) and starts polling.
  // REQUIRES: owned by a shared_ptr.
  void start();
  // Stops polling without waiting (handler invocations in flight are abandoned).
  void request_stop();
  // Waits for the pollers' threads.
  void join();

  const std::string& uuid() const { return uuid_; }
  const std::string& region() const { return region_; }
  const std::string& account() const { return account_; }  // the mapping's owner
  const std::string& arn() const { return arn_; }
  std::string function_arn() const;
  std::string handler_name() const;
  std::shared_ptr<const MappingConfig> config() const;
  void update(MappingConfig next, handler::Registered handler);
  // Its tags replaced; nothing else changes (not LastModified either).
  void retag(std::map<std::string, std::string> tags);

  // What Lambda reports about a mapping (GetEventSourceMapping), at one moment.
  struct Status {
    std::shared_ptr<const MappingConfig> config;
    std::string function_arn;
    int64_t last_modified_ms = 0;
    std::string problem;       // "" while the stream (and consumer) is there
    bool source_gone = false;  // its consumer deregistered: the mapping is disabled
    bool processed_any = false;
    std::vector<ShardStatus> shards;
  };
  Status status() const;
  std::vector<ShardStatus> shard_status() const;
  // Disabled because the consumer it reads through is gone: nothing to settle.
  bool source_gone() const;

  // Handler fault rules (--faults), asked before each invocation.
  void set_faults(faults::FaultEngine* faults) { faults_ = faults; }
  faults::FaultEngine* faults() const { return faults_; }
  void set_outbound(const aws::Outbound* outbound) { outbound_ = outbound; }
  const aws::Outbound* outbound() const { return outbound_; }

  // For its pollers.
  log::StreamStore& store() const { return store_; }
  std::shared_ptr<handler::Handler> handler() const;
  std::string role_arn() const;
  void note_processed();
  // A poller settled everything before `position` (saved with a data directory).
  void checkpoint(const log::Stream& stream, const std::string& shard_id, uint64_t position,
                  bool done);
  // A poller drained its closed shard: the shard's children may start.
  void shard_done(const std::string& shard_id);

 private:
  // Starts following `stream`, its current shards at `start` (others at
  // their trim horizon).
  void follow(std::shared_ptr<log::Stream> stream, std::map<std::string, uint64_t> start,
              std::set<std::string> done = {}) EXCLUDES(mu_);
  // Stops the pollers and the follower (the pollers' threads are joined
  // later, by join()).
  void unfollow() EXCLUDES(mu_);
  void on_edit(const std::shared_ptr<log::Stream>& stream, const log::StreamEdit& edit);
  // An EventSourceArn naming a consumer: whether it is registered (the same
  // incarnation: its ARN) and not being deregistered.
  bool consumer_present(const log::Stream& stream, const MappingConfig& c) const;
  // The consumer is gone: the pollers stop and the mapping reports itself
  // disabled, saying why.
  void lose_source(const MappingConfig& c) EXCLUDES(mu_);
  void start_poller(const std::shared_ptr<log::Stream>& stream, std::shared_ptr<log::Shard> shard,
                    uint64_t position);

  const std::string uuid_;
  const std::string region_;
  const std::string account_;
  const std::string arn_;
  log::StreamStore& store_;
  faults::FaultEngine* faults_ = nullptr;    // set before start()
  const aws::Outbound* outbound_ = nullptr;  // set before start()
  CheckpointJournal* const journal_;
  const bool restored_;
  uint64_t store_listener_ = 0;

  mutable base::Mutex mu_;
  std::shared_ptr<const MappingConfig> config_ GUARDED_BY(mu_);
  handler::Registered handler_ GUARDED_BY(mu_);
  std::string function_arn_ GUARDED_BY(mu_);
  int64_t last_modified_ms_ GUARDED_BY(mu_) = 0;
  bool processed_any_ GUARDED_BY(mu_) = false;
  std::string problem_ GUARDED_BY(mu_);  // stream missing
  bool source_gone_ GUARDED_BY(mu_) = false;
  bool stopped_ GUARDED_BY(mu_) = false;

  std::shared_ptr<log::Stream> stream_ GUARDED_BY(mu_);
  std::shared_ptr<log::StreamFollower> follower_ GUARDED_BY(mu_);
  std::map<std::string, std::unique_ptr<ShardPoller>> pollers_ GUARDED_BY(mu_);
  std::vector<std::unique_ptr<ShardPoller>> retired_ GUARDED_BY(mu_);  // stopping
};

std::string function_arn(std::string_view region, std::string_view account,
                         std::string_view function_name);

}  // namespace kinesisd::poller
