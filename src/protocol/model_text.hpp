#pragma once
#include <string_view>
namespace kinesisd::protocol {
// The Kinesis API model (src/protocol/model/kinesis-2013-12-02.json), embedded
// by CMake.
extern const std::string_view kModelText;
}  // namespace kinesisd::protocol
