// Every delivery stream, by account, region and name (as AWS keeps them). Deleted ones are
// forgotten once their DELETING time has passed (what they buffered is delivered first).
//
// Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/mutex.hpp"
#include "firehose/delivery/delivery_stream.hpp"

namespace kinesisd::delivery {

class DeliveryRegistry {
 public:
  explicit DeliveryRegistry(DeliveryWorld world) : world_(world) {}
  ~DeliveryRegistry();

  const DeliveryWorld& world() const { return world_; }
  // nullptr when a delivery stream of that name exists in the account's region.
  // (`start`: see DeliveryStream's constructor.)
  std::shared_ptr<DeliveryStream> create(DeliveryIdentity identity, DeliveryConfig config,
                                         int64_t ready_at_ms, bool start = true);
  std::shared_ptr<DeliveryStream> find(const std::string& account, const std::string& region,
                                       const std::string& name) const;
  // An account's region, by name.
  std::vector<std::shared_ptr<DeliveryStream>> list(const std::string& account,
                                                    const std::string& region) const;
  std::vector<std::shared_ptr<DeliveryStream>> list_all() const;
  // Every delivery stream gone at once, what it buffered dropped and what a
  // data directory kept of it forgotten (/_kinesisd/reset). Returns once
  // their threads have stopped.
  void clear();

 private:
  void sweep(int64_t now_ms) const REQUIRES(mu_);

  DeliveryWorld world_;
  mutable base::Mutex mu_;
  using ByName = std::map<std::string, std::shared_ptr<DeliveryStream>>;
  using ByRegion = std::map<std::string, ByName>;
  mutable std::map<std::string, ByRegion> streams_;  // by account
};

}  // namespace kinesisd::delivery
