#include "protocol/model.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "protocol/model_text.hpp"

namespace kinesisd::protocol {
namespace {

ShapeType type_of(const std::string& t) {
  if (t == "structure") return ShapeType::kStructure;
  if (t == "list") return ShapeType::kList;
  if (t == "map") return ShapeType::kMap;
  if (t == "string") return ShapeType::kString;
  if (t == "blob") return ShapeType::kBlob;
  if (t == "integer") return ShapeType::kInteger;
  if (t == "long") return ShapeType::kLong;
  if (t == "double") return ShapeType::kDouble;
  if (t == "boolean") return ShapeType::kBoolean;
  if (t == "timestamp") return ShapeType::kTimestamp;
  throw std::runtime_error("model: unknown shape type " + t);
}

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
  static const Model model(kModelText);
  return model;
}

const Model& Model::firehose() {
  static const Model model(kFirehoseModelText);
  return model;
}

const Model& Model::lambda() {
  static const Model model(kLambdaModelText);
  return model;
}

Model::Model(std::string_view json_text) {
  const auto doc = nlohmann::json::parse(json_text);
  target_prefix_ = doc.at("metadata").at("targetPrefix").get<std::string>();
  empty_input_.type = ShapeType::kStructure;
  empty_input_.name = "(empty)";

  const auto& shapes = doc.at("shapes");
  for (const auto& [name, _] : shapes.items()) {
    auto s = std::make_unique<Shape>();
    s->name = name;
    shapes_.emplace(name, std::move(s));
  }
  auto ref = [&](const nlohmann::json& j) -> const Shape* {
    auto it = shapes_.find(j.at("shape").get<std::string>());
    if (it == shapes_.end()) throw std::runtime_error("model: dangling shape reference");
    return it->second.get();
  };
  std::unordered_map<std::string, std::shared_ptr<Pattern>> patterns;
  for (const auto& [name, def] : shapes.items()) {
    Shape& s = *shapes_.at(name);
    s.type = type_of(def.at("type").get<std::string>());
    if (def.contains("min")) s.min = def["min"].get<double>();
    if (def.contains("max")) s.max = def["max"].get<double>();
    if (def.contains("pattern")) {
      const auto p = def["pattern"].get<std::string>();
      auto& compiled = patterns[p];
      if (!compiled) compiled = std::make_shared<Pattern>(p);
      s.pattern = compiled;
    }
    s.exception = def.value("exception", false);
    s.fault = def.value("fault", false);
    if (def.contains("enum")) s.enum_values = def["enum"].get<std::vector<std::string>>();
    if (def.contains("member")) s.member = ref(def["member"]);
    if (def.contains("key")) s.key = ref(def["key"]);
    if (def.contains("value")) s.value = ref(def["value"]);
    if (def.contains("members")) {
      std::vector<std::string> required;
      if (def.contains("required")) required = def["required"].get<std::vector<std::string>>();
      for (const auto& [mname, mdef] : def["members"].items()) {
        Member m;
        m.name = mname;
        m.path_name = mname;
        m.path_name[0] =
            static_cast<char>(std::tolower(static_cast<unsigned char>(m.path_name[0])));
        m.shape = ref(mdef);
        m.required = std::find(required.begin(), required.end(), mname) != required.end();
        s.members.push_back(std::move(m));
      }
      std::sort(s.members.begin(), s.members.end(),
                [](const Member& a, const Member& b) { return a.name < b.name; });
    }
  }
  for (const auto& [op, def] : doc.at("operations").items()) {
    const Shape* input = &empty_input_;
    if (def.contains("input") && def["input"].is_string())
      input = shapes_.at(def["input"].get<std::string>()).get();
    inputs_.emplace(op, input);
    if (def.contains("output") && def["output"].is_string())
      outputs_.emplace(op, shapes_.at(def["output"].get<std::string>()).get());
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
