// A delivery stream's objects in its S3 bucket (the destination's, or the
// backup's of an HTTP endpoint or OpenSearch destination): compressed as the
// destination says, the compression's extension added to the key, and a write
// the store refuses retried for as long as the stream's RetryPolicy allows
// (Firehose retries S3 for up to 24 hours: "Handle data delivery failure",
// the Firehose developer guide).
#pragma once

#include <functional>
#include <string>

#include "buckets/object_store.hpp"
#include "firehose/delivery/delivery_config.hpp"

namespace kinesisd::delivery {

// Asked after a failed attempt (0 for the first): true once it has waited
// the backoff and the write should be tried again, false to give up.
using RetryPolicy = std::function<bool(int attempt)>;

struct ObjectWriterContext {
  const buckets::ObjectStore* store = nullptr;  // null (no S3 configured): writes succeed unwritten
  std::string stream_name;
  std::string region;
  RetryPolicy retry;
};

class ObjectWriter {
 public:
  ObjectWriter(const ObjectWriterContext& context, const S3Destination& s3)
      : context_(context), s3_(s3) {}

  // What an object holds: delivered records take the destination's
  // FileExtension when it has one; error documents keep the compression's.
  enum class Kind { kRecords, kErrors };
  // Writes `body`, compressed, as `key` + its extension. False when the store
  // did not take it and the policy gave up.
  bool write(const std::string& key, const std::string& body, Kind kind = Kind::kRecords) const;

 private:
  const ObjectWriterContext& context_;
  const S3Destination& s3_;
};

}  // namespace kinesisd::delivery
