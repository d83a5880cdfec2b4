#pragma once
#include <string_view>
namespace kinesisd::protocol {
// The API models in src/protocol/model/, embedded by CMake.
extern const std::string_view kModelText;        // Kinesis
extern const std::string_view kLambdaModelText;  // Lambda, event source mappings
extern const std::string_view kFirehoseModelText;  // Firehose
}  // namespace kinesisd::protocol
