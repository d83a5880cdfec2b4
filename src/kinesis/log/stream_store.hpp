// All streams, by account, region and name (each identity of --auth sigv4
// acts in its own account, as in AWS), and the one door every
// metadata change goes through (apply): record (with a data directory),
// apply, tell the listeners.
//
// Locking: mu_ guards streams_ and next_id_. Lookups take it shared.
// Creation takes it exclusively so the shard-limit check and the insert are
// one step. apply_mu_ makes recording and applying one step, so edits are
// recorded in the order they take effect. listeners_mu_ guards the listener
// list (copy-on-write: a change takes a reference to the current list
// instead of copying the functions). Listeners run on the editing thread
// after the edit is applied, outside every lock of the store and the stream.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/mutex.hpp"
#include "kinesis/log/account_settings.hpp"
#include "kinesis/log/clock.hpp"
#include "kinesis/log/edit_journal.hpp"
#include "kinesis/log/stream.hpp"
#include "kinesis/log/throttle_counts.hpp"
#include "storage/sync_group.hpp"

namespace kinesisd::log {

struct StoreOptions {
  std::string account_id = "000000000000";
  uint32_t shard_limit = 500;
  int64_t create_delay_ms = 500;
  int64_t delete_delay_ms = 500;
  int64_t update_delay_ms = 500;
  uint64_t memory_limit_bytes = 0;  // --max-memory-mb, for the message of a refused put
  // AWS's throughput limits (log/shard_throughput) on every stream
  // (--limits aws), or on the streams named here (the config file's).
  bool limits = false;
  std::set<std::string, std::less<>> limited_streams;
};

struct StreamSpec {
  std::string region;
  std::string name;
  uint32_t shard_count = 1;
  StreamMeta meta;
  bool active_at_once = false;  // start-up streams skip CREATING
  std::string account{};        // "" for StoreOptions::account_id
};

enum class CreateOutcome { kCreated, kAlreadyExists, kShardLimitExceeded };

struct CreateResult {
  CreateOutcome outcome;
  uint64_t open_shards_in_region = 0;  // before this request
  std::shared_ptr<Stream> stream;
};

class StreamStore {
 public:
  StreamStore(StoreOptions options, const Clock& clock, LogFactory factory = {});

  const StoreOptions& options() const { return options_; }
  const Clock& clock() const { return clock_; }

  CreateResult create(StreamSpec spec);
  // The one way a stream's metadata changes. With a journal the edit is
  // recorded first; a failure to record throws storage::Error and changes
  // nothing.
  void apply(const std::shared_ptr<Stream>& stream, const StreamEdit& edit);

  // A data directory: every edit (and account setting) is recorded in
  // `journal`, and `forget` removes a stream's records once it is gone.
  void persist(EditJournal* journal, std::function<void(const StreamIdentity&)> forget);
  // Rebuilds the streams of the journal (start-up, before serving). Returns
  // how many streams it restored.
  size_t restore();

  // --durability fsync: appends wait for the group sync of their generation.
  void set_sync_group(storage::SyncGroup* group) { sync_group_ = group; }
  // What an answer waits for before it is sent (protocol's when_ready), or
  // nullptr when nothing waits.
  std::function<void(std::function<void()>)> when_synced(uint64_t generation) const;

  // Told of every applied edit, creations included. A listener must not call
  // add_listener or remove_listener.
  using EditListener = std::function<void(const std::shared_ptr<Stream>&, const StreamEdit&)>;
  uint64_t add_listener(EditListener listener);
  void remove_listener(uint64_t token);

  // nullptr when absent or past its deletion.
  std::shared_ptr<Stream> find(std::string_view account, std::string_view region,
                               std::string_view name) const;
  // Streams of an account's region (deleted ones excluded), sorted by name.
  std::vector<std::shared_ptr<Stream>> list(std::string_view account,
                                            std::string_view region) const;
  // Every live stream of every account and region (for /metrics).
  std::vector<std::shared_ptr<Stream>> list_all() const;
  uint64_t open_shards(std::string_view account, std::string_view region) const;
  AccountSettings& account_settings() { return account_settings_; }
  // Whether any stream or consumer has had a resource policy since start-up
  // (restored ones included). Never turns false again: a caller that sees
  // false may skip looking a policy up, and one that sees true looks.
  bool any_resource_policy() const { return any_policy_.load(std::memory_order_acquire); }
  ThrottleCounts& throttles() const { return throttles_; }

  // Every stream of every account gone at once, with its records and (in a
  // data directory) what was recorded of it, and the account settings back
  // to their defaults: the store of a fresh start (/_kinesisd/reset). Stream
  // ids keep counting, so an iterator issued before does not name a stream
  // made after.
  void clear();

  // Drops expired records and forgets deleted streams. Called periodically.
  void sweep();

 private:
  void notify(const std::shared_ptr<Stream>& stream, const StreamEdit& edit);

  StoreOptions options_;
  const Clock& clock_;
  LogFactory factory_;
  AccountSettings account_settings_;
  mutable ThrottleCounts throttles_;
  EditJournal* journal_ = nullptr;
  std::function<void(const StreamIdentity&)> forget_;
  storage::SyncGroup* sync_group_ = nullptr;
  base::Mutex apply_mu_;
  std::atomic<bool> any_policy_{false};

  mutable base::SharedMutex mu_;
  using ByName = std::map<std::string, std::shared_ptr<Stream>, std::less<>>;
  using ByRegion = std::map<std::string, ByName, std::less<>>;
  // account -> region -> name -> stream
  std::map<std::string, ByRegion, std::less<>> streams_ GUARDED_BY(mu_);
  uint64_t next_id_ GUARDED_BY(mu_) = 1;

  using Listeners = std::vector<std::pair<uint64_t, EditListener>>;
  base::Mutex listeners_mu_;
  std::shared_ptr<const Listeners> listeners_ = std::make_shared<Listeners>();
  uint64_t next_listener_ GUARDED_BY(listeners_mu_) = 1;
};

}  // namespace kinesisd::log
