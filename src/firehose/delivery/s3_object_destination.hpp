// Amazon S3 as a delivery stream's destination: each buffer one object under
// the Prefix (AWS's default YYYY/MM/dd/HH/ and its name format, object_key),
// or with dynamic partitioning one object per evaluated partition prefix.
#pragma once

#include <string>

#include "firehose/delivery/destination.hpp"
#include "firehose/delivery/object_writer.hpp"

namespace kinesisd::delivery {

class S3ObjectDestination : public Destination {
 public:
  S3ObjectDestination(const S3Destination& s3, const ObjectWriter& objects,
                      const std::string& stream_name)
      : s3_(s3), objects_(objects), stream_name_(stream_name) {}
  DestinationOutcome put(const DeliveryBatch& batch) override;

 private:
  const S3Destination& s3_;
  const ObjectWriter& objects_;
  const std::string& stream_name_;
};

}  // namespace kinesisd::delivery
