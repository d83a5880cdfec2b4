#include "firehose/delivery/compression.hpp"

#include <zlib.h>

namespace kinesisd::delivery {

std::string compress(std::string_view format, std::string_view bytes) {
  if (format == "GZIP") return gzip(bytes);
  return std::string(bytes);
}

std::string compressed_extension(std::string_view format) { return format == "GZIP" ? ".gz" : ""; }

std::string gzip(std::string_view bytes) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace kinesisd::delivery
