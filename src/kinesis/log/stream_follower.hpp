// Follows a stream's shards in lineage order for one reader: a shard is
// handed to the reader once each of its parents is done (the reader has
// drained it), so a reader that finishes parents before children sees every
// partition key in order across splits and merges. Shards born later are
// learned of from the store's edits (a reshard), never by polling.
//
// Where each shard starts is the reader's: shards named in `start` begin
// there, the others at their trim horizon. It knows nothing of what reads.
//
// Thread-safety: every method may be called from any thread. `ready` runs on
// the thread that made the shard ready (the caller of start() or done(), or
// the thread applying a reshard edit), one call at a time; once stop() has
// returned it runs no more. REQUIRES (stop): no lock `ready` takes is held.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "base/mutex.hpp"
#include "kinesis/log/stream_store.hpp"

namespace kinesisd::log {

class StreamFollower : public std::enable_shared_from_this<StreamFollower> {
 public:
  using Ready = std::function<void(std::shared_ptr<Shard> shard, uint64_t position)>;

  // A follower of `stream`; start() hands over the first shards. `done` names
  // shards the reader has already drained (from its checkpoints).
  static std::shared_ptr<StreamFollower> follow(StreamStore& store, std::shared_ptr<Stream> stream,
                                                std::map<std::string, uint64_t> start,
                                                std::set<std::string> done, Ready ready);
  ~StreamFollower();
  StreamFollower(const StreamFollower&) = delete;
  StreamFollower& operator=(const StreamFollower&) = delete;

  const std::shared_ptr<Stream>& stream() const { return stream_; }

  // Hands over the shards that are ready now; later ones follow by themselves.
  void start();
  // The reader drained `shard_id` (a closed shard): its children may be ready.
  void done(const std::string& shard_id);
  // No shard is handed over any more.
  void stop();

 private:
  StreamFollower(StreamStore& store, std::shared_ptr<Stream> stream,
                 std::map<std::string, uint64_t> start, std::set<std::string> done, Ready ready);
  void advance();

  StreamStore& store_;
  const std::shared_ptr<Stream> stream_;
  const Ready ready_;
  uint64_t listener_ = 0;

  base::Mutex ready_mu_;  // held while `ready` runs, and by stop()
  bool stopped_ GUARDED_BY(ready_mu_) = false;
  base::Mutex mu_;
  std::map<std::string, uint64_t> start_ GUARDED_BY(mu_);
  std::set<std::string> handed_ GUARDED_BY(mu_);  // given to the reader
  std::set<std::string> done_ GUARDED_BY(mu_);
  bool started_ GUARDED_BY(mu_) = false;
};

}  // namespace kinesisd::log
