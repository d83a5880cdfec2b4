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

// GZIP (RFC 1952) of `bytes`, by zlib.
std::string gzip(std::string_view bytes);

// A ZIP archive holding `bytes` as the one file `entry` (deflated), by minizip.
std::string zip(std::string_view bytes, std::string_view entry);

// Snappy's framing format (github.com/google/snappy, framing_format.txt): the
// stream identifier, then chunks of at most 64 KiB of input, each compressed
// by libsnappy with the masked CRC-32C of its input.
std::string snappy_framed(std::string_view bytes);

// Hadoop's SnappyCodec stream (BlockCompressorStream): blocks of input, each
// its big-endian 32-bit length, then its compressed chunks, each a
// big-endian 32-bit length and libsnappy's raw block.
std::string hadoop_snappy(std::string_view bytes);

}  // namespace kinesisd::delivery
