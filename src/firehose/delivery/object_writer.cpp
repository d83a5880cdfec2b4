#include "firehose/delivery/object_writer.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "firehose/delivery/compression.hpp"

namespace kinesisd::delivery {

bool ObjectWriter::write(const std::string& key, const std::string& body) const {
  if (!store_) return true;
  const std::string object_key = key + compressed_extension(s3_.compression);
  const std::string bytes = compress(s3_.compression, body);
  std::string error;
  for (int attempt = 0; !store_->put(s3_.bucket, object_key, bytes, error); ++attempt) {
    spdlog::error("delivery stream {}: s3://{}/{}: {}", stream_name_, s3_.bucket, object_key,
                  error);
    if (attempt >= 5 || cancel_.load()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
  }
  return true;
}

}  // namespace kinesisd::delivery
