// Every delivery stream, by region and name. Deleted ones are forgotten once
// their DELETING time has passed (what they buffered is delivered first).
//
// Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "delivery/delivery_stream.hpp"

namespace kinesisd::delivery {

class DeliveryRegistry {
 public:
  explicit DeliveryRegistry(DeliveryWorld world) : world_(world) {}
  ~DeliveryRegistry();

  const DeliveryWorld& world() const { return world_; }
  // nullptr when a delivery stream of that name exists in the region.
  std::shared_ptr<DeliveryStream> create(DeliveryIdentity identity, DeliveryConfig config,
                                         int64_t ready_at_ms);
  std::shared_ptr<DeliveryStream> find(const std::string& region, const std::string& name) const;
  std::vector<std::shared_ptr<DeliveryStream>> list(const std::string& region) const;  // by name
  std::vector<std::shared_ptr<DeliveryStream>> list_all() const;

 private:
  void sweep(int64_t now_ms) const;  // REQUIRES: mu_ held

  DeliveryWorld world_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::map<std::string, std::shared_ptr<DeliveryStream>>> streams_;
};

}  // namespace kinesisd::delivery
