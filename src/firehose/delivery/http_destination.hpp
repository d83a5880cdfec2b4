// An HTTP endpoint or an OpenSearch/Elasticsearch domain as a delivery
// stream's destination (its requests and retries: http_delivery), with its S3
// backup: every record too when S3BackupMode is AllData / AllDocuments, and
// what it refused after its retries in the backup's error output (its
// ErrorOutputPrefix, else its Prefix + the error type; "Custom prefixes for
// Amazon S3 objects", the Firehose developer guide).
#pragma once

#include <atomic>
#include <string>

#include "firehose/delivery/destination.hpp"
#include "firehose/delivery/http_delivery.hpp"
#include "firehose/delivery/object_writer.hpp"
#include "kinesis/log/clock.hpp"

namespace kinesisd::delivery {

class HttpRequestDestination : public Destination {
 public:
  HttpRequestDestination(const HttpDestination& http, const S3Destination& backup,
                         const ObjectWriter& objects, const std::string& stream_name,
                         const std::string& stream_arn, const log::Clock& clock,
                         const std::atomic<bool>& cancel, RetryWait wait)
      : http_(http),
        backup_(backup),
        objects_(objects),
        stream_name_(stream_name),
        stream_arn_(stream_arn),
        clock_(clock),
        cancel_(cancel),
        wait_(std::move(wait)) {}
  DestinationOutcome put(const DeliveryBatch& batch) override;

 private:
  const HttpDestination& http_;
  const S3Destination& backup_;
  const ObjectWriter& objects_;
  const std::string& stream_name_;
  const std::string& stream_arn_;
  const log::Clock& clock_;
  const std::atomic<bool>& cancel_;
  const RetryWait wait_;
};

}  // namespace kinesisd::delivery
