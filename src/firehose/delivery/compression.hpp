// Firehose's CompressionFormat, applied to what a delivery stream writes to
// S3: an object's bytes, the extension its key ends with and its
// Content-Encoding. The formats and extensions are the Firehose developer
// guide's ("Configure Amazon S3 object name format": .gz, .zip, .snappy,
// .hsnappy); FileExtension replaces the extension on delivered records.
#pragma once

#include <string>
#include <string_view>

namespace kinesisd::delivery {

struct CompressionFormat {
  std::string_view name;              // CompressionFormat's value
  std::string_view extension;         // what object keys end with
  std::string_view content_encoding;  // the object's Content-Encoding ("" for none)
  // `bytes` compressed; `entry` names the one file inside a ZIP archive.
  std::string (*compress)(std::string_view bytes, std::string_view entry);
};

// The format named `name`, or null when Firehose has none by that name.
const CompressionFormat* find_compression(std::string_view name);

// `bytes` in the format named `format` (UNCOMPRESSED when it names none).
// `entry`: the name of the file inside a ZIP archive.
std::string compress(std::string_view format, std::string_view bytes, std::string_view entry = "");

// What an object key ends with in `format`: ".gz" for GZIP, "" for UNCOMPRESSED.
std::string compressed_extension(std::string_view format);

}  // namespace kinesisd::delivery
