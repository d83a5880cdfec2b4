// Lambda event filtering (the EventBridge pattern syntax) for Kinesis records.
//
// A record is matched as the document
//   {"data": <the decoded data, when it is JSON>, "partitionKey": ...,
//    "sequenceNumber": ..., "approximateArrivalTimestamp": ...,
//    "kinesisSchemaVersion": "1.0"}
// A pattern is an object whose keys all must match (AND); a leaf is an array
// of alternatives (OR): literals (string, number, boolean, null), and
//   {"prefix": s} {"suffix": s} {"equals-ignore-case": s}
//   {"anything-but": v | [v...] | {"prefix": s} | {"suffix": s}}
//   {"numeric": [op, n (, op, n)]}  ops: = < <= > >=
//   {"exists": true|false}
// "$or": [pattern, ...] matches when any sub-pattern does. When the document
// holds an array, a leaf matches if any element does.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kinesisd::poller {

class FilterPattern {
 public:
  // nullopt (and `why` filled) when the text is not a valid pattern.
  static std::optional<FilterPattern> parse(std::string_view text, std::string* why = nullptr);

  bool matches(const nlohmann::json& document) const;
  const std::string& text() const { return text_; }

 private:
  FilterPattern(std::string text, nlohmann::json pattern)
      : text_(std::move(text)), pattern_(std::move(pattern)) {}
  std::string text_;
  nlohmann::json pattern_;
};

}  // namespace kinesisd::poller
