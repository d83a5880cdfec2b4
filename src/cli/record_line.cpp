#include "cli/record_line.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "protocol/base64.hpp"
#include "protocol/utf8.hpp"

namespace kinesisd::cli {
namespace {

// Text fit for one line, or nullopt when the bytes are not printable text.
std::optional<std::string> one_line_text(std::string_view data) {
  if (!protocol::valid_utf8(data)) return std::nullopt;
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

std::string record_line(std::string_view shard_id, std::string_view sequence_number,
                        std::string_view partition_key, std::string_view data,
                        PayloadFormat format) {
  std::string line;
  line.append(shard_id).append("\t").append(sequence_number).append("\t");
  line.append(one_line_text(partition_key).value_or(std::string(partition_key))).append("\t");
  if (format == PayloadFormat::kBase64) return line + protocol::base64_encode(data);
  if (format == PayloadFormat::kJson) {
    const auto parsed = nlohmann::json::parse(data, nullptr, false);
    if (!parsed.is_discarded() && protocol::valid_utf8(data)) return line + "\n" + parsed.dump(2);
  }
  if (auto text = one_line_text(data)) return line + *text;
  return line + "base64:" + protocol::base64_encode(data);
}

}  // namespace kinesisd::cli
