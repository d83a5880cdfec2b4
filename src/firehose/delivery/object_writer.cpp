#include "firehose/delivery/object_writer.hpp"

#include <spdlog/spdlog.h>

#include "firehose/delivery/compression.hpp"

namespace kinesisd::delivery {

bool ObjectWriter::write(const std::string& key, const std::string& body, Kind kind) const {
  if (!context_.store) return true;
  const auto* format = find_compression(s3_.compression);
  const std::string object_key = key + (kind == Kind::kRecords && !s3_.file_extension.empty()
                                            ? s3_.file_extension
                                            : compressed_extension(s3_.compression));
  // A ZIP archive's one file is named after the object, without the extension.
  const std::string entry = key.substr(key.rfind('/') + 1);
  const std::string bytes = compress(s3_.compression, body, entry);
  const buckets::StoredObject object{s3_.bucket, object_key, bytes,
                                     format ? format->content_encoding : std::string_view(),
                                     context_.region};
  std::string error;
  for (int attempt = 0; !context_.store->put(object, error); ++attempt) {
    spdlog::error("delivery stream {}: s3://{}/{} (attempt {}): {}", context_.stream_name,
                  s3_.bucket, object_key, attempt + 1, error);
    if (!context_.retry || !context_.retry(attempt)) return false;
  }
  return true;
}

}  // namespace kinesisd::delivery
