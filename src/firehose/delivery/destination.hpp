// Where a delivery stream's records go. A buffer is delivered in stages
// (delivery_stream): transform (record_transform) -> partition
// (partition_query, object_key) -> encode (delimiters) -> put (a Destination:
// compression and retries are its own) -> error output and backup
// (error_output). One Destination per destination type:
//   s3_object_destination  Amazon S3: an object per buffer, or per partition
//   http_destination       an HTTP endpoint or an OpenSearch/Elasticsearch
//                          domain, with its S3 backup
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "firehose/delivery/error_output.hpp"
#include "firehose/delivery/record_transform.hpp"

namespace kinesisd::delivery {

// One buffer, ready to put.
struct DeliveryBatch {
  const std::vector<OutgoingRecord>& records;  // transformed, delimiters appended
  // By evaluated partition prefix (dynamic partitioning), else all under "".
  const std::map<std::string, std::vector<const OutgoingRecord*>>& partitions;
  int64_t oldest_ms = 0;  // the oldest record's arrival: the object keys' time
  int version = 1;        // the destination's version: the object keys' version
};

struct DestinationOutcome {
  uint64_t delivered = 0;  // records the destination took
  uint64_t objects = 0;    // S3 objects written (the destination's, or the backup's)
  FailureGroup failed;     // records it did not take, for the error output
};

class Destination {
 public:
  virtual ~Destination() = default;
  virtual DestinationOutcome put(const DeliveryBatch& batch) = 0;
};

}  // namespace kinesisd::delivery
