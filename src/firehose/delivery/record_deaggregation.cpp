#include "firehose/delivery/record_deaggregation.hpp"

#include <nlohmann/json.hpp>

#include "protocol/base64.hpp"
#include "protocol/json_text.hpp"

namespace kinesisd::delivery {

namespace {

bool blank(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Where the JSON object starting at `at` ends (one past its closing brace),
// or npos. Braces inside strings do not count.
size_t object_end(std::string_view s, size_t at) {
  int depth = 0;
  const size_t end = protocol::walk_brackets(s, at, [&depth](char c, size_t) {
    if (c == '{') ++depth;
    if (c == '}') --depth;
    return depth != 0;
  });
  return end == std::string_view::npos ? end : end + 1;
}

std::optional<std::vector<std::string>> split_json(std::string_view data) {
  std::vector<std::string> out;
  size_t at = 0;
  for (;;) {
    while (at < data.size() && blank(data[at])) ++at;
    if (at == data.size()) break;
    if (data[at] != '{') return std::nullopt;
    const size_t end = object_end(data, at);
    if (end == std::string_view::npos) return std::nullopt;
    const auto object = data.substr(at, end - at);
    if (!nlohmann::json::accept(object) || out.size() == kMaxSubRecords) return std::nullopt;
    out.emplace_back(object);
    at = end;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> split_delimited(std::string_view data,
                                                        std::string_view delimiter) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= data.size()) {
    size_t next = data.find(delimiter, at);
    if (next == std::string_view::npos) next = data.size();
    if (next > at) {
      if (out.size() == kMaxSubRecords) return std::nullopt;
      out.emplace_back(data.substr(at, next - at));
    }
    at = next + delimiter.size();
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

std::optional<SubRecordSplit> sub_record_split(const Processor& p, std::string& error) {
  const auto* type = p.param("SubRecordType");
  if (!type || (*type != "JSON" && *type != "DELIMITED")) {
    error =
        "Processor RecordDeAggregation requires the SubRecordType parameter, JSON or DELIMITED.";
    return std::nullopt;
  }
  SubRecordSplit how;
  if (*type == "JSON") return how;
  how.type = SubRecordSplit::Type::kDelimited;
  const auto* delimiter = p.param("Delimiter");
  const auto decoded = delimiter ? protocol::base64_decode(*delimiter) : std::nullopt;
  if (!decoded || decoded->empty()) {
    error =
        "Processor RecordDeAggregation with SubRecordType DELIMITED requires a Delimiter in "
        "base64.";
    return std::nullopt;
  }
  how.delimiter = *decoded;
  return how;
}

std::vector<std::string> split_sub_records(std::string_view data, const SubRecordSplit& how) {
  auto pieces = how.type == SubRecordSplit::Type::kJson ? split_json(data)
                                                        : split_delimited(data, how.delimiter);
  if (!pieces) return {std::string(data)};
  return std::move(*pieces);
}

}  // namespace kinesisd::delivery
