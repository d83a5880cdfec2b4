// Every channel, by ARN, with each account's and region's by name (names are
// unique per account and region). A deleted channel is forgotten once its
// DELETING time has passed. With a data directory the definitions (table
// "channels") and where each channel has delivered to (table
// "channel_checkpoints") are kept, and restore() starts them again.
//
// Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/mutex.hpp"
#include "kinesis/channels/channel.hpp"

namespace kinesisd::channels {

class ChannelRegistry {
 public:
  explicit ChannelRegistry(ChannelWorld world) : world_(world) {}
  ~ChannelRegistry();

  const ChannelWorld& world() const { return world_; }

  // nullptr when the account's region has a channel of that name.
  std::shared_ptr<Channel> create(ChannelDefinition definition, ChannelTimes times,
                                  int freshness_s);
  std::shared_ptr<Channel> find(const std::string& arn) const;
  // Every channel of the account's region, by name.
  std::vector<std::shared_ptr<Channel>> list(const std::string& account,
                                             const std::string& region) const;
  std::vector<std::shared_ptr<Channel>> list_all() const;
  // The channels that read `stream_arn`.
  std::vector<std::shared_ptr<Channel>> reading(const std::string& stream_arn) const;

  // Starts the channels a data directory kept. Returns how many.
  size_t restore();
  // Every channel gone at once, what it buffered dropped (/_kinesisd/reset).
  void clear();

 private:
  void sweep() const REQUIRES(mu_);

  ChannelWorld world_;
  mutable base::Mutex mu_;
  mutable std::map<std::string, std::shared_ptr<Channel>> by_arn_ GUARDED_BY(mu_);
};

}  // namespace kinesisd::channels
