#include "firehose/delivery/compression.hpp"

#include <array>

#include "buckets/codecs.hpp"

namespace kinesisd::delivery {

namespace {

std::string uncompressed(std::string_view bytes, std::string_view) { return std::string(bytes); }
std::string gzip_format(std::string_view bytes, std::string_view) { return buckets::gzip(bytes); }
std::string snappy_format(std::string_view bytes, std::string_view) {
  return buckets::snappy_framed(bytes);
}
std::string hadoop_format(std::string_view bytes, std::string_view) {
  return buckets::hadoop_snappy(bytes);
}

constexpr std::array kFormats{
    CompressionFormat{"UNCOMPRESSED", "", "", uncompressed},
    CompressionFormat{"GZIP", ".gz", "gzip", gzip_format},
    CompressionFormat{"ZIP", ".zip", "", buckets::zip},
    CompressionFormat{"Snappy", ".snappy", "", snappy_format},
    CompressionFormat{"HADOOP_SNAPPY", ".hsnappy", "", hadoop_format},
};

}  // namespace

const CompressionFormat* find_compression(std::string_view name) {
  for (const auto& f : kFormats)
    if (f.name == name) return &f;
  return nullptr;
}

std::string compress(std::string_view format, std::string_view bytes, std::string_view entry) {
  const auto* f = find_compression(format);
  return f ? f->compress(bytes, entry) : std::string(bytes);
}

std::string compressed_extension(std::string_view format) {
  const auto* f = find_compression(format);
  return f ? std::string(f->extension) : "";
}

}  // namespace kinesisd::delivery
