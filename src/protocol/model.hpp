// An AWS API model (Kinesis, Firehose, Lambda's event source mappings), made
// once from the tables compiled from AWS's model file (protocol/model_data): every operation's
// input shape with its members' types, required flags, min/max, patterns and enums. The validator
// reads constraints from here only, so a constraint is declared once, in AWS's own words.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protocol/model_data.hpp"

namespace kinesisd::protocol {

// A compiled pattern; the model's frequent ones are matched without std::regex,
// the others compile their std::regex on first use (most of a model's
// patterns are never matched in a run, and compiling them all was a third of
// start-up). Thread-safe.
class Pattern {
 public:
  explicit Pattern(std::string source);
  const std::string& source() const { return source_; }
  bool matches(std::string_view s) const;
  // A Java pattern in the ECMAScript std::regex reads.
  static std::string ecmascript(std::string java_pattern);

 private:
  enum class Kind { kNameChars, kHashKey, kSequenceNumber, kRegex } kind_;
  std::string source_;
  mutable std::once_flag compiled_;
  mutable std::regex regex_;
};

struct Shape;

struct Member {
  std::string name;       // as on the wire, e.g. "StreamName"
  std::string path_name;  // lowerCamel for messages, e.g. "streamName"
  const Shape* shape = nullptr;
  bool required = false;
};

struct Shape {
  std::string name;
  ShapeType type = ShapeType::kString;
  std::optional<double> min;
  std::optional<double> max;
  std::shared_ptr<Pattern> pattern;
  std::vector<std::string> enum_values;
  std::vector<Member> members;    // structures, sorted by name
  const Shape* member = nullptr;  // lists
  const Shape* key = nullptr;     // maps
  const Shape* value = nullptr;   // maps
  // Structures of a Coral service: the Java class Coral validates them as,
  // e.g. "com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry" (printed
  // in validation messages); "" for a model without a target prefix.
  std::string java_class;
  bool exception = false;  // an error the service answers with
  bool fault = false;      // ... that is the server's fault (5xx)
};

class Model {
 public:
  static const Model& kinesis();
  // Firehose (Firehose_20150804), every operation.
  static const Model& firehose();
  // Lambda's event source mapping operations (a REST-JSON API: no target prefix).
  static const Model& lambda();
  explicit Model(const ModelData& data);

  const std::string& target_prefix() const { return target_prefix_; }
  // The input shape of an operation (an empty structure for operations without
  // input); nullptr when the model has no such operation.
  const Shape* input(std::string_view operation) const;
  // The output shape of an operation; nullptr when it has none (void output).
  const Shape* output(std::string_view operation) const;
  // Any shape by its model name, e.g. "SubscribeToShardEvent"; nullptr if absent.
  const Shape* shape(std::string_view name) const;
  std::vector<std::string> operations() const;
  // Every pattern of the model (compiled on first use; a test compiles all).
  std::vector<const Pattern*> patterns() const;

 private:
  std::string target_prefix_;
  std::unordered_map<std::string, std::unique_ptr<Shape>> shapes_;
  std::unordered_map<std::string, const Shape*> inputs_;
  std::unordered_map<std::string, const Shape*> outputs_;
  Shape empty_input_;
};

}  // namespace kinesisd::protocol
