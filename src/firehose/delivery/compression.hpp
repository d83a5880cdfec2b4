// Firehose's CompressionFormat, applied to what a delivery stream writes: an
// S3 object's bytes and the extension its key ends with (the Firehose
// developer guide, "Amazon S3 object name format": GZIP objects end in .gz).
#pragma once

#include <string>
#include <string_view>

namespace kinesisd::delivery {

// `bytes` in `format` (UNCOMPRESSED or GZIP; creation refuses the others).
std::string compress(std::string_view format, std::string_view bytes);

// What an object key ends with in `format`: ".gz" for GZIP, else nothing.
std::string compressed_extension(std::string_view format);

// GZIP (RFC 1952) of `bytes`, by zlib.
std::string gzip(std::string_view bytes);

}  // namespace kinesisd::delivery
