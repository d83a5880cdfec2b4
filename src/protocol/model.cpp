#include "protocol/model.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace kinesisd::protocol {
namespace {

bool all_name_chars(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// "0|([1-9]\d{0,N})": zero, or up to N+1 digits without a leading zero.
bool decimal_without_leading_zero(std::string_view s, size_t max_digits) {
  if (s == "0") return true;
  if (s.empty() || s.size() > max_digits || s[0] == '0') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Pattern::Pattern(std::string source) : source_(std::move(source)) {
  if (source_ == "[a-zA-Z0-9_.-]+") {
    kind_ = Kind::kNameChars;
  } else if (source_ == "0|([1-9]\\d{0,38})") {
    kind_ = Kind::kHashKey;
  } else if (source_ == "0|([1-9]\\d{0,128})") {
    kind_ = Kind::kSequenceNumber;
  } else {
    kind_ = Kind::kRegex;
  }
}

// The models' patterns are Java's. The few constructs ECMAScript's std::regex
// lacks are written in what it has, over the UTF-8 bytes it matches: \p{L}
// (a letter) as ASCII letters or any byte of a multi-byte character, \p{N}
// as digits, \p{Z} as a space, \uXXXX ranges up to \uFFFF as byte ranges;
// a lookbehind (Firehose's Redshift JDBC URL, a destination kinesisd refuses)
// is dropped.
std::string Pattern::ecmascript(std::string p) {
  // (Appended into a new string, not replaced in place: GCC 12 -Wrestrict
  // false positive at -O3.)
  auto replace_all = [&p](std::string_view from, std::string_view to) {
    std::string out;
    size_t start = 0;
    for (size_t at; (at = p.find(from, start)) != std::string::npos; start = at + from.size())
      out.append(p, start, at - start).append(to);
    out.append(p, start, std::string::npos);
    p = std::move(out);
  };
  replace_all("\\p{L}", "a-zA-Z\\x80-\\xff");
  replace_all("\\p{N}", "0-9");
  replace_all("\\p{Z}", " ");
  replace_all("\\u0001-\\uFFFF", "\\x01-\\x7f\\x80-\\xff");
  replace_all("(?<!-)", "");
  return p;
}

bool Pattern::matches(std::string_view s) const {
  switch (kind_) {
    case Kind::kNameChars:
      return all_name_chars(s);
    case Kind::kHashKey:
      return decimal_without_leading_zero(s, 39);
    case Kind::kSequenceNumber:
      return decimal_without_leading_zero(s, 129);
    case Kind::kRegex:
      std::call_once(compiled_, [this] {
        regex_ = std::regex("^(?:" + ecmascript(source_) + ")$",
                            std::regex::ECMAScript | std::regex::optimize);
      });
      return std::regex_match(s.begin(), s.end(), regex_);
  }
  return false;
}

std::vector<const Pattern*> Model::patterns() const {
  std::vector<const Pattern*> out;
  for (const auto& [name, shape] : shapes_)
    if (shape->pattern) out.push_back(shape->pattern.get());
  return out;
}

const Model& Model::kinesis() {
  static const Model model(kKinesisModel);
  return model;
}

const Model& Model::firehose() {
  static const Model model(kFirehoseModel);
  return model;
}

const Model& Model::lambda() {
  static const Model model(kLambdaModel);
  return model;
}

namespace {

// Coral prints an enum's value set in the order of a Java hash set, which the
// model's order does not give; where AWS's was recorded it is used:
// ShardIteratorType from kinesalite's validations/getShardIterator.js (its
// messages are recorded from AWS).
struct RecordedEnumOrder {
  std::string_view shape;
  std::array<std::string_view, 5> values;
};
constexpr RecordedEnumOrder kRecordedEnumOrders[] = {
    {"ShardIteratorType",
     {"AFTER_SEQUENCE_NUMBER", "LATEST", "AT_TIMESTAMP", "AT_SEQUENCE_NUMBER", "TRIM_HORIZON"}},
};

void apply_recorded_order(Shape& s) {
  for (const auto& r : kRecordedEnumOrders) {
    if (r.shape != s.name) continue;
    std::vector<std::string> ordered(r.values.begin(), r.values.end());
    std::vector<std::string> sorted_model = s.enum_values, sorted_recorded = ordered;
    std::sort(sorted_model.begin(), sorted_model.end());
    std::sort(sorted_recorded.begin(), sorted_recorded.end());
    if (sorted_model == sorted_recorded) s.enum_values = std::move(ordered);  // same set only
  }
}

// "Kinesis_20131202" -> "com.amazonaws.kinesis.v20131202"
std::string java_package(std::string_view target_prefix) {
  const size_t underscore = target_prefix.find('_');
  if (underscore == std::string_view::npos) return "";
  std::string service(target_prefix.substr(0, underscore));
  for (auto& c : service) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "com.amazonaws." + service + ".v" + std::string(target_prefix.substr(underscore + 1));
}

}  // namespace

Model::Model(const ModelData& data) : target_prefix_(data.target_prefix) {
  const std::string package = java_package(target_prefix_);
  empty_input_.type = ShapeType::kStructure;
  empty_input_.name = "(empty)";
  std::vector<Shape*> by_index;
  by_index.reserve(data.shapes.size());
  for (const auto& d : data.shapes) {
    auto s = std::make_unique<Shape>();
    s->name = d.name;
    by_index.push_back(s.get());
    shapes_.emplace(s->name, std::move(s));
  }
  const auto at = [&](int32_t i) -> const Shape* { return i < 0 ? nullptr : by_index.at(i); };
  std::unordered_map<std::string_view, std::shared_ptr<Pattern>> patterns;
  for (size_t i = 0; i < data.shapes.size(); ++i) {
    const ShapeData& d = data.shapes[i];
    Shape& s = *by_index[i];
    s.type = d.type;
    if (d.has_min) s.min = d.min;
    if (d.has_max) s.max = d.max;
    if (!d.pattern.empty()) {
      auto& compiled = patterns[d.pattern];
      if (!compiled) compiled = std::make_shared<Pattern>(std::string(d.pattern));
      s.pattern = compiled;
    }
    s.exception = d.exception;
    s.fault = d.fault;
    for (const auto& v : data.enums.subspan(d.enum_begin, d.enum_count))
      s.enum_values.emplace_back(v);
    apply_recorded_order(s);
    if (d.type == ShapeType::kStructure && !package.empty()) s.java_class = package + "." + s.name;
    s.member = at(d.member);
    s.key = at(d.key);
    s.value = at(d.value);
    s.members.reserve(d.member_count);
    for (const auto& md : data.members.subspan(d.member_begin, d.member_count)) {  // by name
      Member m;
      m.name = md.name;
      m.path_name = m.name;
      m.path_name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m.path_name[0])));
      m.shape = by_index.at(md.shape);
      m.required = md.required;
      s.members.push_back(std::move(m));
    }
  }
  for (const auto& op : data.operations) {
    inputs_.emplace(op.name, op.input < 0 ? &empty_input_ : by_index.at(op.input));
    if (op.output >= 0) outputs_.emplace(op.name, by_index.at(op.output));
  }
}

const Shape* Model::output(std::string_view operation) const {
  auto it = outputs_.find(std::string(operation));
  return it == outputs_.end() ? nullptr : it->second;
}

const Shape* Model::shape(std::string_view name) const {
  auto it = shapes_.find(std::string(name));
  return it == shapes_.end() ? nullptr : it->second.get();
}

const Shape* Model::input(std::string_view operation) const {
  auto it = inputs_.find(std::string(operation));
  return it == inputs_.end() ? nullptr : it->second;
}

std::vector<std::string> Model::operations() const {
  std::vector<std::string> ops;
  for (const auto& [name, _] : inputs_) ops.push_back(name);
  std::sort(ops.begin(), ops.end());
  return ops;
}

}  // namespace kinesisd::protocol
