// A delivery stream's objects in its S3 bucket (the destination's, or the
// backup's of an HTTP endpoint or OpenSearch destination): compressed as the
// destination says, the compression's extension added to the key, and a write
// the store refuses retried with backoff (200 ms doubling, 6 attempts) unless
// the stream is being torn down.
#pragma once

#include <atomic>
#include <string>

#include "firehose/delivery/delivery_config.hpp"
#include "firehose/delivery/object_store.hpp"

namespace kinesisd::delivery {

class ObjectWriter {
 public:
  // `store` may be null (no --s3-dir): every write then succeeds unwritten.
  ObjectWriter(const ObjectStore* store, const S3Destination& s3, const std::string& stream_name,
               const std::atomic<bool>& cancel)
      : store_(store), s3_(s3), stream_name_(stream_name), cancel_(cancel) {}

  // Writes `body`, compressed, as `key` + the compression's extension. False
  // when the store did not take it.
  bool write(const std::string& key, const std::string& body) const;

 private:
  const ObjectStore* store_;
  const S3Destination& s3_;
  const std::string& stream_name_;
  const std::atomic<bool>& cancel_;
};

}  // namespace kinesisd::delivery
