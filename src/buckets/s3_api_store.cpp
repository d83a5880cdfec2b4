#include "buckets/s3_api_store.hpp"

namespace kinesisd::buckets {

bool S3ApiStore::put(const StoredObject& object, std::string& error) const {
  return client_.put_object(
      aws::S3Object(object.bucket, object.key, object.bytes, object.content_encoding),
      object.region, never_cancelled_, error);
}

}  // namespace kinesisd::buckets
