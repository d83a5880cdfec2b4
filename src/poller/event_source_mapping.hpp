// One event source mapping: a stream tied to a handler. Owns a consumer per
// shard and a supervisor thread that starts them as shards appear: shards
// present at creation start at StartingPosition; shards born later (children
// of a reshard) start at their trim horizon, and only once every parent's
// consumer has drained its (closed) parent, so order per key survives
// resharding.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "handler/handler_registry.hpp"
#include "log/stream_store.hpp"
#include "poller/mapping_config.hpp"
#include "poller/shard_consumer.hpp"

namespace kinesisd::poller {

class EventSourceMapping {
 public:
  EventSourceMapping(std::string uuid, std::string region, std::string account,
                     MappingConfig config, handler::Registered handler, log::StreamStore& store);
  ~EventSourceMapping();
  EventSourceMapping(const EventSourceMapping&) = delete;
  EventSourceMapping& operator=(const EventSourceMapping&) = delete;

  // Fixes the starting positions of the stream's current shards (now, so a
  // record put right after creation is seen with LATEST) and starts the
  // supervisor.
  void start();
  void request_stop();
  void join();

  const std::string& uuid() const { return uuid_; }
  const std::string& arn() const { return arn_; }
  std::string function_arn() const;
  std::string handler_name() const;
  std::shared_ptr<const MappingConfig> config() const;
  void update(MappingConfig next, handler::Registered handler);

  // Lambda's EventSourceMappingConfiguration, plus "KinesisdShards" (per shard
  // checkpoint, lag and counters; SDKs ignore members they do not know).
  nlohmann::json describe(const char* state_override = nullptr) const;
  std::vector<ShardStatus> shard_status() const;

  // For consumers.
  log::StreamStore& store() const { return store_; }
  std::shared_ptr<handler::Handler> handler() const;
  std::string role_arn() const;
  void note_processed();

 private:
  void supervise();
  void start_ready_shards(const std::shared_ptr<log::Stream>& stream);

  const std::string uuid_;
  const std::string region_;
  const std::string account_;
  const std::string arn_;
  log::StreamStore& store_;

  mutable std::mutex mu_;
  std::shared_ptr<const MappingConfig> config_;  // guarded by mu_
  handler::Registered handler_;                  // guarded by mu_
  std::string function_arn_;                     // guarded by mu_
  int64_t last_modified_ms_ = 0;                 // guarded by mu_
  bool processed_any_ = false;                   // guarded by mu_
  std::string problem_;                          // guarded by mu_: stream missing

  std::shared_ptr<log::Stream> stream_;  // guarded by mu_
  // Where shards present at creation start; consumed as they start.
  std::map<std::string, uint64_t> initial_positions_;                // guarded by mu_
  std::map<std::string, std::unique_ptr<ShardConsumer>> consumers_;  // guarded by mu_

  std::thread supervisor_;
  std::condition_variable cv_;
  bool stop_ = false;  // guarded by mu_
};

std::string function_arn(std::string_view region, std::string_view account,
                         std::string_view function_name);

}  // namespace kinesisd::poller
