// The Prometheus text (format 0.0.4) GET /metrics answers. Every name starts
// with kinesisd_; stream/shard series carry region, stream and shard labels,
// event source mapping series uuid, function and stream.
#pragma once

#include <string>

#include "faults/fault_engine.hpp"
#include "firehose/delivery/delivery_registry.hpp"
#include "kinesis/log/chunk_cache.hpp"
#include "kinesis/log/memory_budget.hpp"
#include "kinesis/log/stream_store.hpp"
#include "lambda/poller/poller.hpp"
#include "observability/request_metrics.hpp"

namespace kinesisd::observability {

// Where records are kept, for kinesisd_stored_bytes and kinesisd_cache_bytes.
struct StorageGauges {
  const log::MemoryBudget* memory = nullptr;  // without a data directory
  const log::ChunkCache* cache = nullptr;     // with one
};

class MetricsText {
 public:
  MetricsText(const log::StreamStore& store, const RequestMetrics& requests,
              const poller::Poller* poller, StorageGauges storage = {},
              const faults::FaultEngine* faults = nullptr,
              const delivery::DeliveryRegistry* deliveries = nullptr);

  std::string render() const;

 private:
  const log::StreamStore& store_;
  const RequestMetrics& requests_;
  const poller::Poller* poller_;
  const StorageGauges storage_;
  const faults::FaultEngine* faults_;
  const delivery::DeliveryRegistry* deliveries_;
};

}  // namespace kinesisd::observability
