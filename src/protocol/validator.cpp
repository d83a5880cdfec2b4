#include "protocol/validator.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "protocol/base64.hpp"
#include "protocol/java_hash.hpp"

namespace kinesisd::protocol {
namespace {

using json = nlohmann::json;

constexpr size_t kMaxViolations = 10;

// What Coral calls a JSON number it cannot use where a string, a boolean or a
// blob belongs (kinesalite's test/helpers.js assertType, checked against AWS).
// Where an integer belongs, Coral truncates the number instead: a fraction is
// dropped and anything above the type's maximum reads as the maximum.
constexpr std::string_view kJsonNumber =
    "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";

std::string number_text(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e18) return std::to_string(static_cast<long long>(v));
  return json(v).dump();
}

// ---- pass 1: types ---------------------------------------------------------

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// `target` completes "can not be converted to ..." for a CBOR byte string
// (Java's byte[], class [B) where a scalar is expected.
std::optional<Error> container_mismatch(const json& v, const char* target) {
  if (v.is_binary())
    return errors::serialization(std::string("class [B can not be converted to ") + target);
  if (v.is_array()) return errors::serialization("Start of list found where not expected");
  if (v.is_object())
    return errors::serialization("Start of structure or map found where not expected.");
  return std::nullopt;
}

std::optional<Error> check_types(const Shape& shape, const json& v);

std::optional<Error> boolean_type(const json& v) {
  if (v.is_boolean()) return std::nullopt;
  if (v.is_number())
    return errors::serialization(std::string(kJsonNumber) + " can not be converted to an Boolean");
  if (v.is_string()) {  // appended: operator+ trips GCC 12's -Wrestrict at -O3
    std::string message = "'";
    message.append(upper(v.get<std::string>())).append("' can not be converted to an Boolean");
    return errors::serialization(std::move(message));
  }
  return container_mismatch(v, "an Boolean");
}

std::optional<Error> integer_type(const Shape& shape, const json& v) {
  const bool is_int = shape.type == ShapeType::kInteger;
  const char* name = is_int ? "Integer" : "Long";
  if (v.is_boolean())
    return errors::serialization(
        std::string("class java.lang.Boolean can not be converted to an ") + name);
  if (v.is_string())
    return errors::serialization(std::string("class java.lang.String can not be converted to an ") +
                                 name);
  if (!v.is_number()) return container_mismatch(v, is_int ? "an Integer" : "an Long");
  return std::nullopt;
}

std::optional<Error> double_type(const json& v) {
  if (v.is_boolean())
    return errors::serialization("class java.lang.Boolean can not be converted to an Double");
  if (v.is_string())
    return errors::serialization("class java.lang.String can not be converted to an Double");
  if (!v.is_number()) return container_mismatch(v, "an Double");
  return std::nullopt;
}

std::optional<Error> timestamp_type(const json& v) {
  if (v.is_number()) return std::nullopt;
  if (v.is_boolean())
    return errors::serialization(
        "class java.lang.Boolean can not be converted to milliseconds since epoch");
  if (v.is_string())
    return errors::serialization(
        "class java.lang.String can not be converted to milliseconds since epoch");
  return container_mismatch(v, "milliseconds since epoch");
}

std::optional<Error> string_type(const json& v) {
  if (v.is_string()) return std::nullopt;
  if (v.is_boolean())
    return errors::serialization("class java.lang.Boolean can not be converted to an String");
  if (v.is_number())
    return errors::serialization(std::string(kJsonNumber) + " can not be converted to an String");
  return container_mismatch(v, "an String");
}

std::optional<Error> blob_type(const json& v) {
  if (v.is_boolean())
    return errors::serialization("class java.lang.Boolean can not be converted to a Blob");
  if (v.is_number())
    return errors::serialization(std::string(kJsonNumber) + " can not be converted to a Blob");
  if (!v.is_string()) return container_mismatch(v, "a Blob");
  const auto& s = v.get_ref<const std::string&>();
  if (auto problem = base64_problem(s); !problem.empty())
    return errors::serialization("'" + s + "' can not be converted to a Blob: " + problem);
  return std::nullopt;
}

std::optional<Error> list_type(const Shape& shape, const json& v) {
  if (v.is_object())
    return errors::serialization("Start of structure or map found where not expected.");
  if (!v.is_array()) return errors::serialization("Expected list or null");
  for (const auto& item : v)
    if (auto e = check_types(*shape.member, item)) return e;
  return std::nullopt;
}

std::optional<Error> map_type(const Shape& shape, const json& v) {
  if (v.is_array()) return errors::serialization("Start of list found where not expected");
  if (!v.is_object()) return errors::serialization("Expected map or null");
  for (const auto& [k, item] : v.items())
    if (auto e = check_types(*shape.value, item)) return e;
  return std::nullopt;
}

std::optional<Error> structure_type(const Shape& shape, const json& v) {
  if (v.is_array()) return errors::serialization("Start of list found where not expected");
  if (!v.is_object()) return errors::serialization("Expected null");
  for (const auto& m : shape.members) {
    auto it = v.find(m.name);
    if (it != v.end())
      if (auto e = check_types(*m.shape, *it)) return e;
  }
  return std::nullopt;
}

// The first value (depth first, in member order) whose JSON type the shape
// cannot take. A null is absent, never a type error.
std::optional<Error> check_types(const Shape& shape, const json& v) {
  if (v.is_null()) return std::nullopt;
  switch (shape.type) {
    case ShapeType::kBoolean:
      return boolean_type(v);
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return integer_type(shape, v);
    case ShapeType::kDouble:
      return double_type(v);
    case ShapeType::kTimestamp:
      return timestamp_type(v);
    case ShapeType::kString:
      return string_type(v);
    case ShapeType::kBlob:
      return blob_type(v);
    case ShapeType::kList:
      return list_type(shape, v);
    case ShapeType::kMap:
      return map_type(shape, v);
    case ShapeType::kStructure:
      return structure_type(shape, v);
  }
  return std::nullopt;
}

// ---- pass 2: constraints ---------------------------------------------------

// Text of a value as Coral prints it inside "Value '...'".
std::string render(const Shape& shape, const json& v) {
  switch (shape.type) {
    case ShapeType::kString:
      return v.get<std::string>();
    case ShapeType::kBlob: {
      const auto n = std::to_string(base64_decoded_size(v.get_ref<const std::string&>()));
      return "java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]";
    }
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return number_text(std::floor(v.get<double>()));
    case ShapeType::kDouble:
    case ShapeType::kTimestamp:
      return number_text(v.get<double>());
    case ShapeType::kBoolean:
      return v.get<bool>() ? "true" : "false";
    case ShapeType::kList: {
      std::string out = "[";
      bool first = true;
      for (const auto& item : v) {
        if (!first) out += ", ";
        first = false;
        out += item.is_null() ? "null" : render(*shape.member, item);
      }
      return out + "]";
    }
    case ShapeType::kMap: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, item] : v.items()) {
        if (!first) out += ", ";
        first = false;
        out += k + "=" + (item.is_null() ? "null" : render(*shape.value, item));
      }
      return out + "}";
    }
    case ShapeType::kStructure:
      // Coral prints the Java object:
      // "com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310".
      return shape.java_class.empty() ? v.dump() : java_object_reference(shape, v);
  }
  return v.dump();
}

// Length as Coral counts it: characters (code points) for strings, bytes for
// blobs, entries for lists and maps.
double length_of(const Shape& shape, const json& v) {
  switch (shape.type) {
    case ShapeType::kString: {
      const auto& s = v.get_ref<const std::string&>();
      size_t n = 0;
      for (unsigned char c : s) n += (c & 0xC0) != 0x80;
      return static_cast<double>(n);
    }
    case ShapeType::kBlob:
      return static_cast<double>(base64_decoded_size(v.get_ref<const std::string&>()));
    default:
      return static_cast<double>(v.size());
  }
}

bool has_length(ShapeType t) {
  return t == ShapeType::kString || t == ShapeType::kBlob || t == ShapeType::kList ||
         t == ShapeType::kMap;
}

// The failed rules of one scalar value, in Coral's order.
std::vector<std::string> scalar_failures(const Shape& shape, const json& v) {
  std::vector<std::string> out;
  if (shape.pattern && shape.type == ShapeType::kString &&
      !shape.pattern->matches(v.get_ref<const std::string&>()))
    out.push_back("Member must satisfy regular expression pattern: " + shape.pattern->source());
  if (has_length(shape.type)) {
    const double n = length_of(shape, v);
    if (shape.min && n < *shape.min)
      out.push_back("Member must have length greater than or equal to " + number_text(*shape.min));
    if (shape.max && n > *shape.max)
      out.push_back("Member must have length less than or equal to " + number_text(*shape.max));
  } else if (shape.type == ShapeType::kInteger || shape.type == ShapeType::kLong ||
             shape.type == ShapeType::kDouble) {
    const double n =
        shape.type == ShapeType::kDouble ? v.get<double>() : std::floor(v.get<double>());
    if (shape.min && n < *shape.min)
      out.push_back("Member must have value greater than or equal to " + number_text(*shape.min));
    if (shape.max && n > *shape.max)
      out.push_back("Member must have value less than or equal to " + number_text(*shape.max));
  }
  if (!shape.enum_values.empty() && shape.type == ShapeType::kString) {
    const auto& s = v.get_ref<const std::string&>();
    if (std::find(shape.enum_values.begin(), shape.enum_values.end(), s) ==
        shape.enum_values.end()) {
      std::string set;
      for (const auto& e : shape.enum_values) set += (set.empty() ? "" : ", ") + e;
      out.push_back("Member must satisfy enum value set: [" + set + "]");
    }
  }
  return out;
}

// Every rule of a list member, map key or map value, in Coral's order: a value
// breaking any of them is reported with the whole list, e.g. "Map keys must
// satisfy constraint: [Member must have length less than or equal to 128,
// Member must have length greater than or equal to 1]" (kinesalite's
// validations, checked against AWS: childKeyLengths, childValueLengths).
std::vector<std::string> member_rules(const Shape& shape) {
  std::vector<std::string> out;
  if (shape.pattern && shape.type == ShapeType::kString)
    out.push_back("Member must satisfy regular expression pattern: " + shape.pattern->source());
  if (has_length(shape.type)) {
    if (shape.max)
      out.push_back("Member must have length less than or equal to " + number_text(*shape.max));
    if (shape.min)
      out.push_back("Member must have length greater than or equal to " + number_text(*shape.min));
  }
  if (!shape.enum_values.empty() && shape.type == ShapeType::kString) {
    std::string set;
    for (const auto& e : shape.enum_values) set += (set.empty() ? "" : ", ") + e;
    out.push_back("Member must satisfy enum value set: [" + set + "]");
  }
  return out;
}

std::string join_inner(const std::vector<std::string>& rules) {
  std::string s;
  for (const auto& r : rules) s += (s.empty() ? "" : ", ") + r;
  return s;
}

class ConstraintChecker {
 public:
  std::vector<std::string> violations;

  void check(const Shape& shape, const json* v, const std::string& path, bool required) {
    if (violations.size() >= kMaxViolations) return;
    if (v == nullptr || v->is_null()) {
      if (required)
        add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
      return;
    }
    const auto failures = scalar_failures(shape, *v);
    for (const auto& rule : failures) add(value_text(render(shape, *v), path, rule));

    if (shape.type == ShapeType::kStructure) {
      for (const auto& m : shape.members) {
        auto it = v->find(m.name);
        check(*m.shape, it == v->end() ? nullptr : &*it, join(path, m.path_name), m.required);
      }
    } else if (shape.type == ShapeType::kList) {
      if (shape.member->type == ShapeType::kStructure) {
        size_t i = 0;
        for (const auto& item : *v)
          check(*shape.member, &item, join(path, std::to_string(++i) + ".member"), true);
      } else {
        // Scalar members are reported once, on the list.
        const bool failed = std::any_of(v->begin(), v->end(), [&](const json& item) {
          return !item.is_null() && !scalar_failures(*shape.member, item).empty();
        });
        if (failed)
          add(value_text(
              render(shape, *v), path,
              "Member must satisfy constraint: [" + join_inner(member_rules(*shape.member)) + "]"));
      }
    } else if (shape.type == ShapeType::kMap) {
      bool bad_key = false, bad_value = false;
      for (const auto& [k, item] : v->items()) {
        bad_key = bad_key || !scalar_failures(*shape.key, json(k)).empty();
        bad_value = bad_value || (!item.is_null() && !scalar_failures(*shape.value, item).empty());
      }
      if (bad_key)
        add(value_text(
            render(shape, *v), path,
            "Map keys must satisfy constraint: [" + join_inner(member_rules(*shape.key)) + "]"));
      if (bad_value)
        add(value_text(
            render(shape, *v), path,
            "Map value must satisfy constraint: [" + join_inner(member_rules(*shape.value)) + "]"));
    }
  }

 private:
  static std::string join(const std::string& parent, const std::string& name) {
    return parent.empty() ? name : parent + "." + name;
  }
  static std::string value_text(const std::string& shown, const std::string& path,
                                const std::string& rule) {
    return "Value '" + shown + "' at '" + path + "' failed to satisfy constraint: " + rule;
  }
  void add(std::string s) {
    if (violations.size() < kMaxViolations) violations.push_back(std::move(s));
  }
};

// ---- between the passes: integers as Coral reads them -----------------------

void truncate(const Shape& shape, json& v) {
  if (v.is_null()) return;
  switch (shape.type) {
    case ShapeType::kInteger:
    case ShapeType::kLong: {
      if (!v.is_number()) break;
      const bool is_int = shape.type == ShapeType::kInteger;
      const int64_t lo =
          is_int ? std::numeric_limits<int32_t>::min() : std::numeric_limits<int64_t>::min();
      const int64_t hi =
          is_int ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int64_t>::max();
      if (v.is_number_unsigned()) {
        v = v.get<uint64_t>() > static_cast<uint64_t>(hi) ? hi : v.get<int64_t>();
      } else if (v.is_number_integer()) {
        v = std::clamp(v.get<int64_t>(), lo, hi);
      } else {  // 2^63 is exact in a double; anything at or past it is held to the range
        const double d = std::floor(v.get<double>());
        v = d >= 9223372036854775808.0   ? hi
            : d < -9223372036854775808.0 ? lo
                                         : std::clamp(static_cast<int64_t>(d), lo, hi);
      }
      break;
    }
    case ShapeType::kList:
      for (auto& item : v) truncate(*shape.member, item);
      break;
    case ShapeType::kMap:
      for (auto& [k, item] : v.items()) truncate(*shape.value, item);
      break;
    case ShapeType::kStructure:
      for (const auto& m : shape.members)
        if (auto it = v.find(m.name); it != v.end()) truncate(*m.shape, *it);
      break;
    default:
      break;
  }
}

std::optional<Error> check_constraints(const Shape& shape, const json& input);

}  // namespace

std::optional<Error> validate_and_truncate(const Shape& shape, json& input) {
  if (auto e = check_types(shape, input)) return e;
  truncate(shape, input);
  return check_constraints(shape, input);
}

std::optional<Error> validate_input(const Shape& shape, const json& input) {
  if (auto e = check_types(shape, input)) return e;
  return check_constraints(shape, input);
}

namespace {

std::optional<Error> check_constraints(const Shape& shape, const json& input) {
  ConstraintChecker checker;
  for (const auto& m : shape.members) {
    auto it = input.find(m.name);
    checker.check(*m.shape, it == input.end() ? nullptr : &*it, m.path_name, m.required);
  }
  if (checker.violations.empty()) return std::nullopt;
  const size_t n = checker.violations.size();
  std::string msg =
      std::to_string(n) + (n == 1 ? " validation error" : " validation errors") + " detected: ";
  for (size_t i = 0; i < n; ++i) msg += (i ? "; " : "") + checker.violations[i];
  return errors::validation(std::move(msg));
}

}  // namespace

}  // namespace kinesisd::protocol
