#include "lambda/poller/filter_pattern.hpp"

#include <algorithm>
#include <cctype>

namespace kinesisd::poller {
namespace {

using json = nlohmann::json;

bool valid_object(const json& p, std::string& why, int depth);

bool valid_numeric(const json& args, std::string& why) {
  if (!args.is_array() || (args.size() != 2 && args.size() != 4)) {
    why = "numeric takes [op, number] or [op, number, op, number]";
    return false;
  }
  for (size_t i = 0; i < args.size(); i += 2) {
    if (!args[i].is_string() || !args[i + 1].is_number()) {
      why = "numeric takes [op, number] or [op, number, op, number]";
      return false;
    }
    const auto& op = args[i].get_ref<const std::string&>();
    if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=") {
      why = "unknown numeric operator " + op;
      return false;
    }
  }
  return true;
}

bool valid_matcher(const json& m, std::string& why) {
  if (m.is_primitive()) return true;
  if (!m.is_object() || m.size() != 1) {
    why = "a match must be a value or an object with one operator";
    return false;
  }
  const auto entry = m.begin();
  const std::string& op = entry.key();
  const json& arg = entry.value();
  if (op == "prefix" || op == "suffix" || op == "equals-ignore-case") {
    if (arg.is_string()) return true;
    why = op + " takes a string";
    return false;
  }
  if (op == "exists") {
    if (arg.is_boolean()) return true;
    why = "exists takes true or false";
    return false;
  }
  if (op == "numeric") return valid_numeric(arg, why);
  if (op == "anything-but") {
    if (arg.is_primitive()) return true;
    if (arg.is_array() && !arg.empty() &&
        std::all_of(arg.begin(), arg.end(), [](const json& v) { return v.is_primitive(); }))
      return true;
    if (arg.is_object() && arg.size() == 1 && (arg.contains("prefix") || arg.contains("suffix")) &&
        arg.begin()->is_string())
      return true;
    why = "anything-but takes a value, a list of values, or {prefix|suffix: string}";
    return false;
  }
  why = "unknown operator " + op;
  return false;
}

bool valid_object(const json& p, std::string& why, int depth) {
  if (depth > 16) {
    why = "pattern nests too deep";
    return false;
  }
  if (!p.is_object() || p.empty()) {
    why = "a pattern must be a non-empty JSON object";
    return false;
  }
  for (const auto& [key, value] : p.items()) {
    if (key == "$or") {
      if (!value.is_array() || value.size() < 2) {
        why = "$or takes a list of at least two patterns";
        return false;
      }
      for (const auto& alt : value)
        if (!valid_object(alt, why, depth + 1)) return false;
    } else if (value.is_object()) {
      if (!valid_object(value, why, depth + 1)) return false;
    } else if (value.is_array()) {
      if (value.empty()) {
        why = "the match list of \"" + key + "\" is empty";
        return false;
      }
      for (const auto& m : value)
        if (!valid_matcher(m, why)) return false;
    } else {
      why = "\"" + key + "\" must map to an object or a list of matches";
      return false;
    }
  }
  return true;
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool equal_values(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

bool starts_with(const json& v, const std::string& s) {
  return v.is_string() && v.get_ref<const std::string&>().starts_with(s);
}
bool ends_with(const json& v, const std::string& s) {
  return v.is_string() && v.get_ref<const std::string&>().ends_with(s);
}

bool compare(double v, const std::string& op, double n) {
  if (op == "=") return v == n;
  if (op == "<") return v < n;
  if (op == "<=") return v <= n;
  if (op == ">") return v > n;
  return v >= n;
}

// One matcher against one present scalar value.
bool match_value(const json& m, const json& v) {
  if (m.is_primitive()) return equal_values(m, v);
  const auto entry = m.begin();
  const std::string& op = entry.key();
  const json& arg = entry.value();
  if (op == "prefix") return starts_with(v, arg.get<std::string>());
  if (op == "suffix") return ends_with(v, arg.get<std::string>());
  if (op == "equals-ignore-case")
    return v.is_string() && iequal(v.get_ref<const std::string&>(), arg.get<std::string>());
  if (op == "exists") return arg.get<bool>();
  if (op == "numeric") {
    if (!v.is_number()) return false;
    const double x = v.get<double>();
    for (size_t i = 0; i < arg.size(); i += 2)
      if (!compare(x, arg[i].get<std::string>(), arg[i + 1].get<double>())) return false;
    return true;
  }
  // anything-but
  if (arg.is_object()) {
    if (arg.contains("prefix")) return v.is_string() && !starts_with(v, arg["prefix"]);
    return v.is_string() && !ends_with(v, arg["suffix"]);
  }
  if (arg.is_array())
    return std::none_of(arg.begin(), arg.end(), [&](const json& x) { return equal_values(x, v); });
  return !equal_values(arg, v);
}

bool match_leaf(const json& matchers, const json* value) {
  for (const auto& m : matchers) {
    if (m.is_object() && m.contains("exists")) {
      if (m["exists"].get<bool>() == (value != nullptr)) return true;
      continue;
    }
    if (!value) continue;
    if (value->is_array()) {
      for (const auto& element : *value)
        if (match_value(m, element)) return true;
    } else if (match_value(m, *value)) {
      return true;
    }
  }
  return false;
}

bool match_object(const json& pattern, const json& doc) {
  for (const auto& [key, sub] : pattern.items()) {
    if (key == "$or") {
      if (std::none_of(sub.begin(), sub.end(),
                       [&](const json& alt) { return match_object(alt, doc); }))
        return false;
      continue;
    }
    const json* value = nullptr;
    if (doc.is_object()) {
      auto it = doc.find(key);
      if (it != doc.end()) value = &*it;
    }
    if (sub.is_object()) {
      if (!value || !value->is_object() || !match_object(sub, *value)) return false;
    } else if (!match_leaf(sub, value)) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<FilterPattern> FilterPattern::parse(std::string_view text, std::string* why) {
  std::string reason;
  auto pattern = json::parse(text, nullptr, false);
  if (pattern.is_discarded()) {
    reason = "the pattern is not JSON";
  } else if (valid_object(pattern, reason, 0)) {
    return FilterPattern(std::string(text), std::move(pattern));
  }
  if (why) *why = reason;
  return std::nullopt;
}

bool FilterPattern::matches(const json& document) const { return match_object(pattern_, document); }

}  // namespace kinesisd::poller
