#include "cli/record_line.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "protocol/base64.hpp"

namespace kinesisd::cli {
namespace {

// Text fit for one line, or nullopt when the bytes are not printable text.
std::optional<std::string> one_line_text(std::string_view data) {
  if (!valid_utf8(data)) return std::nullopt;
  std::string out;
  out.reserve(data.size());
  for (const char c : data) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (u < 0x20 || u == 0x7f) {
      return std::nullopt;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      n = 1, cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      n = 2, cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // cut short
    for (size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

std::string record_line(std::string_view shard_id, std::string_view sequence_number,
                        std::string_view partition_key, std::string_view data,
                        PayloadFormat format) {
  std::string line;
  line.append(shard_id).append("\t").append(sequence_number).append("\t");
  line.append(one_line_text(partition_key).value_or(std::string(partition_key))).append("\t");
  if (format == PayloadFormat::kBase64) return line + protocol::base64_encode(data);
  if (format == PayloadFormat::kJson) {
    const auto parsed = nlohmann::json::parse(data, nullptr, false);
    if (!parsed.is_discarded() && valid_utf8(data)) return line + "\n" + parsed.dump(2);
  }
  if (auto text = one_line_text(data)) return line + *text;
  return line + "base64:" + protocol::base64_encode(data);
}

}  // namespace kinesisd::cli
