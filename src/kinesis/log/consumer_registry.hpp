// The enhanced fan-out consumers of one stream, by name (at most 20, at most
// 5 CREATING at once, as AWS documents). Changed only by the consumer parts
// of a StreamEdit; a consumer past its deletion is dropped when the next one
// registers (as of that registration's time, so replaying the same edits
// drops the same consumers).
//
// Not thread-safe: the owning Stream's lock guards it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinesis/log/consumer.hpp"
#include "kinesis/log/stream_edit.hpp"

namespace kinesisd::log {

class ConsumerRegistry {
 public:
  enum class Refusal { kNone, kExists, kTooMany, kTooManyCreating };
  // Whether a consumer named `name` may be registered at now_ms; on kExists
  // `existing` receives it.
  Refusal can_register(std::string_view name, int64_t now_ms, Consumer* existing) const;

  void apply(const StreamEdit& edit);

  // Live consumers (gone ones are never returned).
  std::optional<Consumer> find(std::string_view name, int64_t now_ms) const;
  std::vector<Consumer> list(int64_t now_ms) const;  // by name
  size_t count(int64_t now_ms) const;

 private:
  std::map<std::string, Consumer, std::less<>> consumers_;
};

}  // namespace kinesisd::log
