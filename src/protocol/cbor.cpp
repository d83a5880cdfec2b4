#include "protocol/cbor.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include "protocol/base64.hpp"
#include "protocol/utf8.hpp"

namespace kinesisd::protocol {
namespace {

using json = nlohmann::json;

constexpr int kMaxDepth = 64;
constexpr uint8_t kBreak = 0xff;

enum Major : uint8_t {
  kUnsigned = 0,
  kNegative = 1,
  kBytes = 2,
  kText = 3,
  kArray = 4,
  kMap = 5,
  kTag = 6,
  kSimple = 7
};

// A recursive-descent reader over one buffer. Every length is checked against
// the bytes that remain before anything is allocated, so a hostile length
// cannot reserve memory it does not carry.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool at_end() const { return pos_ == in_.size(); }

  bool item(json& out, int depth) {
    if (depth > kMaxDepth || pos_ >= in_.size()) return false;
    const uint8_t initial = byte();
    const uint8_t major = initial >> 5;
    const uint8_t info = initial & 0x1f;
    if (major == kSimple) return simple(info, out);
    if (info == 31) return indefinite(major, out, depth);
    uint64_t arg = 0;
    if (!argument(info, arg)) return false;
    switch (major) {
      case kUnsigned:
        out = static_cast<json::number_unsigned_t>(arg);
        return true;
      case kNegative:
        if (arg > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
          out = -1.0 - static_cast<double>(arg);
        else
          out = -1 - static_cast<int64_t>(arg);
        return true;
      case kBytes: {
        std::string_view s;
        if (!take(arg, s)) return false;
        out = json::binary(json::binary_t::container_type(s.begin(), s.end()));
        return true;
      }
      case kText: {
        std::string_view s;
        if (!take(arg, s) || !valid_utf8(s)) return false;
        out = std::string(s);
        return true;
      }
      case kArray: {
        // Each element takes at least one byte.
        if (arg > remaining()) return false;
        out = json::array();
        for (uint64_t i = 0; i < arg; ++i) {
          json element;
          if (!item(element, depth + 1)) return false;
          out.push_back(std::move(element));
        }
        return true;
      }
      case kMap: {
        if (arg > remaining() / 2) return false;
        out = json::object();
        for (uint64_t i = 0; i < arg; ++i)
          if (!entry(out, depth)) return false;
        return true;
      }
      default:  // kTag: the tagged item stands for itself
        return item(out, depth + 1);
    }
  }

 private:
  uint8_t byte() { return static_cast<uint8_t>(in_[pos_++]); }
  size_t remaining() const { return in_.size() - pos_; }
  bool peek_break() const { return pos_ < in_.size() && static_cast<uint8_t>(in_[pos_]) == kBreak; }

  bool argument(uint8_t info, uint64_t& arg) {
    if (info < 24) {
      arg = info;
      return true;
    }
    if (info > 27) return false;  // 28-30 are reserved; 31 handled by callers
    const size_t n = size_t{1} << (info - 24);
    if (remaining() < n) return false;
    arg = 0;
    for (size_t i = 0; i < n; ++i) arg = (arg << 8) | byte();
    return true;
  }

  bool take(uint64_t n, std::string_view& s) {
    if (n > remaining()) return false;
    s = in_.substr(pos_, n);
    pos_ += n;
    return true;
  }

  bool entry(json& object, int depth) {
    json key;
    if (!item(key, depth + 1) || !key.is_string()) return false;
    json value;
    if (!item(value, depth + 1)) return false;
    object[key.get_ref<const std::string&>()] = std::move(value);
    return true;
  }

  // Indefinite-length strings are chunks of definite strings of the same
  // major type; arrays and maps run until the break byte.
  bool indefinite(uint8_t major, json& out, int depth) {
    switch (major) {
      case kBytes:
      case kText: {
        std::string joined;
        while (!peek_break()) {
          if (pos_ >= in_.size()) return false;
          const uint8_t initial = byte();
          if ((initial >> 5) != major || (initial & 0x1f) == 31) return false;
          uint64_t n = 0;
          std::string_view chunk;
          if (!argument(initial & 0x1f, n) || !take(n, chunk)) return false;
          // RFC 8949 §3.2.3: a character is never split between chunks.
          if (major == kText && !valid_utf8(chunk)) return false;
          joined.append(chunk);
        }
        ++pos_;
        if (major == kText)
          out = std::move(joined);
        else
          out = json::binary(json::binary_t::container_type(joined.begin(), joined.end()));
        return true;
      }
      case kArray:
        out = json::array();
        while (!peek_break()) {
          json element;
          if (!item(element, depth + 1)) return false;
          out.push_back(std::move(element));
        }
        ++pos_;
        return true;
      case kMap:
        out = json::object();
        while (!peek_break())
          if (!entry(out, depth)) return false;
        ++pos_;
        return true;
      default:  // integers and tags have no indefinite form
        return false;
    }
  }

  bool simple(uint8_t info, json& out) {
    switch (info) {
      case 20:
        out = false;
        return true;
      case 21:
        out = true;
        return true;
      case 22:  // null
      case 23:  // undefined
        out = nullptr;
        return true;
      case 25: {
        uint64_t half = 0;
        if (!argument(info, half)) return false;
        out = half_to_double(static_cast<uint16_t>(half));
        return true;
      }
      case 26: {
        uint64_t bits = 0;
        if (!argument(info, bits)) return false;
        const auto narrow = static_cast<uint32_t>(bits);
        float f;
        std::memcpy(&f, &narrow, sizeof f);
        out = static_cast<double>(f);
        return true;
      }
      case 27: {
        uint64_t bits = 0;
        if (!argument(info, bits)) return false;
        double d;
        std::memcpy(&d, &bits, sizeof d);
        out = d;
        return true;
      }
      default:  // other simple values, and a break outside an indefinite item
        return false;
    }
  }

  static double half_to_double(uint16_t half) {
    const int exponent = (half >> 10) & 0x1f;
    const int mantissa = half & 0x3ff;
    double value;
    if (exponent == 0)
      value = std::ldexp(mantissa, -24);
    else if (exponent != 31)
      value = std::ldexp(mantissa + 1024, exponent - 25);
    else
      value = mantissa == 0 ? std::numeric_limits<double>::infinity()
                            : std::numeric_limits<double>::quiet_NaN();
    return (half & 0x8000) ? -value : value;
  }

  std::string_view in_;
  size_t pos_ = 0;
};

void put_head(std::string& out, uint8_t major, uint64_t arg) {
  const auto m = static_cast<char>(major << 5);
  if (arg < 24) {
    out.push_back(static_cast<char>(m | static_cast<char>(arg)));
    return;
  }
  int bytes = 8;
  char info = 27;
  if (arg <= 0xff) {
    bytes = 1;
    info = 24;
  } else if (arg <= 0xffff) {
    bytes = 2;
    info = 25;
  } else if (arg <= 0xffffffffull) {
    bytes = 4;
    info = 26;
  }
  out.push_back(static_cast<char>(m | info));
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((arg >> (8 * i)) & 0xff));
}

void put_integer(std::string& out, int64_t v) {
  if (v >= 0)
    put_head(out, kUnsigned, static_cast<uint64_t>(v));
  else
    put_head(out, kNegative, static_cast<uint64_t>(-(v + 1)));
}

void put_double(std::string& out, double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  out.push_back(static_cast<char>(0xfb));
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}

void put_text(std::string& out, std::string_view s) {
  put_head(out, kText, s.size());
  out.append(s);
}

void put_bytes(std::string& out, std::string_view s) {
  put_head(out, kBytes, s.size());
  out.append(s);
}

// Epoch seconds (possibly fractional) as tag 1 + integer milliseconds.
void put_timestamp(std::string& out, double seconds) {
  out.push_back(static_cast<char>(0xc1));
  put_integer(out, static_cast<int64_t>(std::llround(seconds * 1000.0)));
}

const Shape* member_shape(const Shape* shape, const std::string& name) {
  if (!shape || shape->type != ShapeType::kStructure) return nullptr;
  for (const auto& m : shape->members)
    if (m.name == name) return m.shape;
  return nullptr;
}

void encode(std::string& out, const json& v, const Shape* shape) {
  if (shape) {
    if (shape->type == ShapeType::kBlob && v.is_string()) {
      if (auto bytes = base64_decode(v.get_ref<const std::string&>())) {
        put_bytes(out, *bytes);
        return;
      }
    }
    if (shape->type == ShapeType::kTimestamp && v.is_number()) {
      put_timestamp(out, v.get<double>());
      return;
    }
  }
  switch (v.type()) {
    case json::value_t::object:
      out.push_back(static_cast<char>(0xbf));  // indefinite length, as Jackson writes
      for (const auto& [key, value] : v.items()) {
        put_text(out, key);
        const Shape* inner = nullptr;
        if (shape && shape->type == ShapeType::kMap)
          inner = shape->value;
        else
          inner = member_shape(shape, key);
        encode(out, value, inner);
      }
      out.push_back(static_cast<char>(0xff));  // break
      return;
    case json::value_t::array:
      out.push_back(static_cast<char>(0x9f));
      for (const auto& element : v)
        encode(out, element, shape && shape->type == ShapeType::kList ? shape->member : nullptr);
      out.push_back(static_cast<char>(0xff));
      return;
    case json::value_t::string:
      put_text(out, v.get_ref<const std::string&>());
      return;
    case json::value_t::binary: {
      const auto& b = v.get_binary();
      put_bytes(out, std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
      return;
    }
    case json::value_t::boolean:
      out.push_back(static_cast<char>(v.get<bool>() ? 0xf5 : 0xf4));
      return;
    case json::value_t::number_unsigned:
      put_head(out, kUnsigned, v.get<uint64_t>());
      return;
    case json::value_t::number_integer:
      put_integer(out, v.get<int64_t>());
      return;
    case json::value_t::number_float:
      put_double(out, v.get<double>());
      return;
    default:  // null, discarded
      out.push_back(static_cast<char>(0xf6));
      return;
  }
}

}  // namespace

std::optional<json> cbor_decode(std::string_view bytes) {
  Reader reader(bytes);
  json out;
  if (!reader.item(out, 0) || !reader.at_end()) return std::nullopt;
  return out;
}

std::string cbor_encode(const json& value) {
  std::string out;
  encode(out, value, nullptr);
  return out;
}

std::string json_reply_to_cbor(const json& value, const Shape* shape) {
  std::string out;
  out.reserve(256);
  encode(out, value, shape);
  return out;
}

void cbor_request_to_json(json& value, const Shape& shape) {
  switch (shape.type) {
    case ShapeType::kBlob:
      if (value.is_binary()) {
        const auto& b = value.get_binary();
        value = base64_encode(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
      }
      return;
    case ShapeType::kTimestamp:
      // Integers are the Java SDK's milliseconds; floats are seconds already.
      if (value.is_number_integer()) value = static_cast<double>(value.get<int64_t>()) / 1000.0;
      return;
    case ShapeType::kStructure:
      if (!value.is_object()) return;
      for (auto& [key, member] : value.items())
        if (const Shape* inner = member_shape(&shape, key)) cbor_request_to_json(member, *inner);
      return;
    case ShapeType::kList:
      if (!value.is_array() || !shape.member) return;
      for (auto& element : value) cbor_request_to_json(element, *shape.member);
      return;
    case ShapeType::kMap:
      if (!value.is_object() || !shape.value) return;
      for (auto& [key, element] : value.items()) cbor_request_to_json(element, *shape.value);
      return;
    default:
      return;
  }
}

}  // namespace kinesisd::protocol
