// An AWS API model as compiled into the binary: the parts of a model file
// (src/protocol/model/*.json) the validator reads, as flat tables that
// protocol/model_compiler writes at build time, so no JSON is parsed when
// kinesisd starts. protocol::Model builds its shapes from these.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace kinesisd::protocol {

enum class ShapeType {
  kStructure,
  kList,
  kMap,
  kString,
  kBlob,
  kInteger,
  kLong,
  kDouble,
  kBoolean,
  kTimestamp
};

struct ShapeData {
  std::string_view name;
  ShapeType type;
  bool has_min, has_max;
  double min, max;
  std::string_view pattern;             // "" when none
  uint32_t enum_begin, enum_count;      // into ModelData::enums
  uint32_t member_begin, member_count;  // into ModelData::members, sorted by name
  int32_t member, key, value;           // shapes (indices) of a list and a map; -1 when none
  bool exception, fault;
};

struct MemberData {
  std::string_view name;
  uint32_t shape;
  bool required;
};

struct OperationData {
  std::string_view name;
  int32_t input, output;  // shapes (indices); -1 when none
};

struct ModelData {
  std::string_view target_prefix;
  std::span<const ShapeData> shapes;
  std::span<const MemberData> members;
  std::span<const std::string_view> enums;
  std::span<const OperationData> operations;
};

extern const ModelData kKinesisModel;   // kinesis-2013-12-02.json
extern const ModelData kFirehoseModel;  // firehose-2015-08-04.json
extern const ModelData kLambdaModel;    // lambda-2015-03-31.json

}  // namespace kinesisd::protocol
