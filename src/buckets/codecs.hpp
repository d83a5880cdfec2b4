// The compressions kinesisd writes objects in, each by its library: what
// Firehose's CompressionFormat (firehose/delivery/compression) and a Kinesis
// channel's CompressionType (kinesis/channels) name.
#pragma once

#include <string>
#include <string_view>

namespace kinesisd::buckets {

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

// Zstandard (RFC 8878) of `bytes`, one frame, by libzstd at its default level.
std::string zstd(std::string_view bytes);

}  // namespace kinesisd::buckets
