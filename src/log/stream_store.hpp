// All streams of the account, by region and name.
//
// Locking: mu_ guards streams_. Lookups take it shared. Creation takes it
// exclusively so the shard-limit check and the insert are one step.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "log/account_settings.hpp"
#include "log/clock.hpp"
#include "log/stream.hpp"

namespace kinesisd::log {

struct StoreOptions {
  std::string account_id = "000000000000";
  uint32_t shard_limit = 500;
  int64_t create_delay_ms = 500;
  int64_t delete_delay_ms = 500;
  int64_t update_delay_ms = 500;
};

struct StreamSpec {
  std::string region;
  std::string name;
  uint32_t shard_count = 1;
  StreamMeta meta;
  bool active_at_once = false;  // start-up streams skip CREATING
};

enum class CreateOutcome { kCreated, kAlreadyExists, kShardLimitExceeded };

struct CreateResult {
  CreateOutcome outcome;
  uint64_t open_shards_in_region = 0;  // before this request
  std::shared_ptr<Stream> stream;
};

class StreamStore {
 public:
  using LogFactory = std::function<std::unique_ptr<ShardLog>()>;

  StreamStore(StoreOptions options, const Clock& clock, LogFactory factory = {});

  const StoreOptions& options() const { return options_; }
  const Clock& clock() const { return clock_; }
  std::unique_ptr<ShardLog> new_log() const { return factory_(); }

  CreateResult create(StreamSpec spec);
  // nullptr when absent or past its deletion.
  std::shared_ptr<Stream> find(std::string_view region, std::string_view name) const;
  // Streams of a region (deleted ones excluded), sorted by name.
  std::vector<std::shared_ptr<Stream>> list(std::string_view region) const;
  // Every live stream of every region (for /metrics).
  std::vector<std::shared_ptr<Stream>> list_all() const;
  uint64_t open_shards(std::string_view region) const;
  AccountSettings& account_settings() { return account_settings_; }

  // Drops expired records and forgets deleted streams. Called periodically.
  void sweep();

 private:
  StoreOptions options_;
  const Clock& clock_;
  LogFactory factory_;
  AccountSettings account_settings_;

  mutable std::shared_mutex mu_;
  // region -> name -> stream; guarded by mu_
  std::map<std::string, std::map<std::string, std::shared_ptr<Stream>, std::less<>>, std::less<>>
      streams_;
};

}  // namespace kinesisd::log
