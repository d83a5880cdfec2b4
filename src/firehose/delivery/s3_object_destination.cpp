#include "firehose/delivery/s3_object_destination.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "firehose/delivery/object_key.hpp"

namespace kinesisd::delivery {

DestinationOutcome S3ObjectDestination::put(const DeliveryBatch& batch) {
  DestinationOutcome out;
  for (const auto& [prefix, members] : batch.partitions) {
    std::string body;
    int64_t first = members.front()->record->arrival_ms;
    for (const auto* r : members) {
      body += r->data;
      first = std::min(first, r->record->arrival_ms);
    }
    const std::string key =
        s3_.dynamic_partitioning
            ? partitioned_object_key(prefix, stream_name_, batch.version, first)
            : object_key(s3_.prefix, stream_name_, batch.version, batch.oldest_ms);
    if (!objects_.write(key, body)) continue;
    out.delivered += members.size();
    out.objects += 1;
    spdlog::debug("delivery stream {}: {} records to s3://{}/{}", stream_name_, members.size(),
                  s3_.bucket, key);
  }
  return out;
}

}  // namespace kinesisd::delivery
