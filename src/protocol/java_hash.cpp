#include "protocol/java_hash.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "protocol/base64.hpp"

namespace kinesisd::protocol {
namespace {

uint32_t fold(uint64_t v) { return static_cast<uint32_t>(v ^ (v >> 32)); }

// Java's (long) and (int) of a double: NaN is 0, out of range saturates.
int64_t to_long(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return INT64_MAX;
  if (d <= -9.2233720368547758e18) return INT64_MIN;
  return static_cast<int64_t>(d);
}
int32_t to_int(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 2147483647.0) return INT32_MAX;
  if (d <= -2147483648.0) return INT32_MIN;
  return static_cast<int32_t>(d);
}

// Values are as the type check let them through; anything else (a shape the
// value does not match) hashes as Java's null, 0, rather than throwing.
uint32_t hash_of(const Shape& shape, const nlohmann::json& v) {
  if (v.is_null()) return 0;
  const bool number = v.is_number();
  switch (shape.type) {
    case ShapeType::kString:
      return v.is_string()
                 ? static_cast<uint32_t>(java_string_hash(v.get_ref<const std::string&>()))
                 : 0;
    case ShapeType::kBlob: {
      if (!v.is_string()) return 0;
      const auto bytes = base64_decode(v.get_ref<const std::string&>()).value_or("");
      uint32_t h = 1;
      for (size_t i = bytes.size(); i-- > 0;)
        h = 31 * h + static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(bytes[i])));
      return h;
    }
    case ShapeType::kInteger:
      if (!number) return 0;
      return static_cast<uint32_t>(to_int(std::floor(v.get<double>())));
    case ShapeType::kLong:
      if (!number) return 0;
      return fold(static_cast<uint64_t>(to_long(std::floor(v.get<double>()))));
    case ShapeType::kDouble: {
      if (!number) return 0;
      const double d = v.get<double>();
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      return fold(bits);
    }
    case ShapeType::kTimestamp:
      if (!number) return 0;
      return fold(static_cast<uint64_t>(to_long(v.get<double>() * 1000)));
    case ShapeType::kBoolean:
      return v.is_boolean() ? (v.get<bool>() ? 1231 : 1237) : 0;
    case ShapeType::kList: {
      if (!v.is_array()) return 0;
      uint32_t h = 1;
      for (const auto& item : v) h = 31 * h + hash_of(*shape.member, item);
      return h;
    }
    case ShapeType::kMap: {
      if (!v.is_object()) return 0;
      uint32_t h = 0;
      for (const auto& [k, item] : v.items())
        h += static_cast<uint32_t>(java_string_hash(k)) ^ hash_of(*shape.value, item);
      return h;
    }
    case ShapeType::kStructure: {
      if (!v.is_object()) return 0;
      const uint32_t class_hash = 31 + static_cast<uint32_t>(java_string_hash(shape.java_class));
      uint32_t h = 31 + class_hash;
      for (const auto& m : shape.members) {
        const auto it = v.find(m.name);
        h = 31 * h + (it == v.end() ? 0 : hash_of(*m.shape, *it));
      }
      return h;
    }
  }
  return 0;
}

}  // namespace

int32_t java_string_hash(std::string_view s) {
  uint32_t h = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
    for (int k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    i += n;
    if (cp >= 0x10000) {  // a surrogate pair in UTF-16
      cp -= 0x10000;
      h = 31 * h + (0xd800 + (cp >> 10));
      h = 31 * h + (0xdc00 + (cp & 0x3ff));
    } else {
      h = 31 * h + cp;
    }
  }
  return static_cast<int32_t>(h);
}

int32_t java_hash(const Shape& shape, const nlohmann::json& value) {
  return static_cast<int32_t>(hash_of(shape, value));
}

std::string java_object_reference(const Shape& shape, const nlohmann::json& value) {
  char hex[9];
  std::snprintf(hex, sizeof hex, "%x", static_cast<uint32_t>(java_hash(shape, value)));
  return shape.java_class + "@" + hex;
}

}  // namespace kinesisd::protocol
