// Typed reads of a validated input document. A JSON null counts as absent,
// as it does for Coral.
#pragma once

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "protocol/epoch_seconds.hpp"

namespace kinesisd::operations {

inline const nlohmann::json* member(const nlohmann::json& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end() || it->is_null()) return nullptr;
  return &*it;
}

inline std::optional<std::string> opt_string(const nlohmann::json& in, const char* name) {
  const auto* v = member(in, name);
  if (!v) return std::nullopt;
  return v->get<std::string>();
}

inline std::optional<int64_t> opt_int(const nlohmann::json& in, const char* name) {
  const auto* v = member(in, name);
  if (!v) return std::nullopt;
  return static_cast<int64_t>(std::floor(v->get<double>()));
}

inline std::optional<bool> opt_bool(const nlohmann::json& in, const char* name) {
  const auto* v = member(in, name);
  if (!v) return std::nullopt;
  return v->get<bool>();
}

// Timestamps travel as epoch seconds (integer or fraction); returns ms.
inline std::optional<int64_t> opt_time_ms(const nlohmann::json& in, const char* name) {
  const auto* v = member(in, name);
  if (!v) return std::nullopt;
  // Clamp to +-10^15 ms (year ~33000) so absurd numbers cannot overflow.
  const double ms = std::clamp(v->get<double>() * 1000.0, -1e15, 1e15);
  return static_cast<int64_t>(std::llround(ms));
}

using protocol::epoch_seconds;

}  // namespace kinesisd::operations
