// MD5 of eight short inputs at once, one per 32-bit lane of AVX2 registers
// (the "multi-buffer" layout of Intel's ISA-L md5_mb). A PutRecords batch
// routes hundreds of partition keys; one-block keys hash together for about
// a sixth of the instructions of hashing them one by one.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kinesisd::log {

// The most bytes an input may have to fit one block (with its 0x80 and length).
inline constexpr size_t kMd5LaneMaxBytes = 55;

// Whether the CPU has AVX2 (md5_eight can run).
bool md5_lanes_available();

// MD5 of in[0..7], each at most kMd5LaneMaxBytes long; needs AVX2.
void md5_eight(const std::string_view* in, std::array<uint8_t, 16>* out);

}  // namespace kinesisd::log
