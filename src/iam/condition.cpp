#include "iam/condition.hpp"

#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <ctime>
#include <optional>

#include "iam/policy_error.hpp"
#include "iam/wildcard.hpp"

namespace kinesisd::iam {
namespace {

using nlohmann::json;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The operators, by name without qualifier or IfExists.
struct OperatorName {
  std::string_view name;
  Condition::Family family;
  Condition::Compare compare;
  bool negated;
};
using F = Condition::Family;
using C = Condition::Compare;
constexpr OperatorName kOperators[] = {
    {"StringEquals", F::kString, C::kEquals, false},
    {"StringNotEquals", F::kString, C::kEquals, true},
    {"StringEqualsIgnoreCase", F::kStringIgnoreCase, C::kEquals, false},
    {"StringNotEqualsIgnoreCase", F::kStringIgnoreCase, C::kEquals, true},
    {"StringLike", F::kStringLike, C::kEquals, false},
    {"StringNotLike", F::kStringLike, C::kEquals, true},
    {"NumericEquals", F::kNumeric, C::kEquals, false},
    {"NumericNotEquals", F::kNumeric, C::kEquals, true},
    {"NumericLessThan", F::kNumeric, C::kLess, false},
    {"NumericLessThanEquals", F::kNumeric, C::kLessEquals, false},
    {"NumericGreaterThan", F::kNumeric, C::kGreater, false},
    {"NumericGreaterThanEquals", F::kNumeric, C::kGreaterEquals, false},
    {"DateEquals", F::kDate, C::kEquals, false},
    {"DateNotEquals", F::kDate, C::kEquals, true},
    {"DateLessThan", F::kDate, C::kLess, false},
    {"DateLessThanEquals", F::kDate, C::kLessEquals, false},
    {"DateGreaterThan", F::kDate, C::kGreater, false},
    {"DateGreaterThanEquals", F::kDate, C::kGreaterEquals, false},
    {"Bool", F::kBool, C::kEquals, false},
    {"BinaryEquals", F::kBinary, C::kEquals, false},
    {"IpAddress", F::kIp, C::kEquals, false},
    {"NotIpAddress", F::kIp, C::kEquals, true},
    {"ArnEquals", F::kArn, C::kEquals, false},
    {"ArnLike", F::kArn, C::kEquals, false},
    {"ArnNotEquals", F::kArn, C::kEquals, true},
    {"ArnNotLike", F::kArn, C::kEquals, true},
    {"Null", F::kNull, C::kEquals, false},
};

std::optional<double> number(std::string_view s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Seconds since the epoch of an ISO 8601 date or date-time in UTC
// ("2026-12-01", "2026-12-01T10:00:00Z", with fractional seconds or an
// offset), or of a number of epoch seconds, as the Date operators take both.
std::optional<double> date(std::string_view s) {
  if (auto n = number(s)) return n;
  std::tm tm{};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  double sec = 0;
  const std::string text(s);
  size_t used = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%zn", &y, &mo, &d, &used) != 3 || used != 10)
    return std::nullopt;
  std::string_view rest = s.substr(10);
  double offset = 0;
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != 't') return std::nullopt;
    const std::string time_text(rest.substr(1));
    int n = 0;
    if (std::sscanf(time_text.c_str(), "%2d:%2d:%lf%n", &h, &mi, &sec, &n) != 3)
      return std::nullopt;
    std::string_view zone = std::string_view(time_text).substr(static_cast<size_t>(n));
    if (zone == "Z" || zone == "z" || zone.empty()) {
    } else if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 6 && zone[3] == ':') {
      const auto zh = number(zone.substr(1, 2)), zm = number(zone.substr(4, 2));
      if (!zh || !zm) return std::nullopt;
      offset = (zone[0] == '+' ? 1 : -1) * (*zh * 3600 + *zm * 60);
    } else {
      return std::nullopt;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec >= 61) return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  return static_cast<double>(timegm(&tm)) + sec - offset;
}

// An address and a CIDR block ("203.0.113.0/24", "2001:db8::/32"; a bare
// address is a /32 or /128).
bool in_block(std::string_view address, std::string_view block) {
  const size_t slash = block.find('/');
  const std::string base(block.substr(0, slash));
  const std::string addr(address);
  std::array<unsigned char, 16> a{}, b{};
  const int family = base.find(':') == std::string::npos ? AF_INET : AF_INET6;
  if ((addr.find(':') == std::string::npos ? AF_INET : AF_INET6) != family) return false;
  if (inet_pton(family, base.c_str(), b.data()) != 1) return false;
  if (inet_pton(family, addr.c_str(), a.data()) != 1) return false;
  const int width = family == AF_INET ? 32 : 128;
  int bits = width;
  if (slash != std::string_view::npos) {
    const auto n = number(block.substr(slash + 1));
    if (!n || *n < 0 || *n > width || *n != std::floor(*n)) return false;
    bits = static_cast<int>(*n);
  }
  for (int i = 0; i < bits; ++i) {
    const int byte = i / 8, mask = 0x80 >> (i % 8);
    if ((a[byte] & mask) != (b[byte] & mask)) return false;
  }
  return true;
}

// ArnEquals and ArnLike: each of the six colon-separated parts matched on
// its own, with wildcards (the resource part keeps its colons).
std::vector<std::string_view> arn_parts(std::string_view arn) {
  std::vector<std::string_view> parts;
  for (int i = 0; i < 5; ++i) {
    const size_t colon = arn.find(':');
    if (colon == std::string_view::npos) return {};
    parts.push_back(arn.substr(0, colon));
    arn.remove_prefix(colon + 1);
  }
  parts.push_back(arn);
  return parts;
}

bool arn_match(std::string_view pattern, std::string_view arn) {
  const auto p = arn_parts(pattern), a = arn_parts(arn);
  if (p.empty() || a.empty()) return false;
  for (size_t i = 0; i < p.size(); ++i)
    if (!wildcard_match(p[i], a[i], false)) return false;
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

bool compared(Condition::Compare how, double request, double policy) {
  switch (how) {
    case C::kEquals:
      return request == policy;
    case C::kLess:
      return request < policy;
    case C::kLessEquals:
      return request <= policy;
    case C::kGreater:
      return request > policy;
    case C::kGreaterEquals:
      return request >= policy;
  }
  return false;
}

// Whether one request value matches one policy value (the positive form).
bool matches(const Condition& c, const std::string& request, const std::string& policy) {
  switch (c.family) {
    case F::kString:
      return request == policy;
    case F::kStringIgnoreCase:
      return iequals(request, policy);
    case F::kStringLike:
      return wildcard_match(policy, request, false);
    case F::kNumeric: {
      const auto r = number(request), p = number(policy);
      return r && p && compared(c.compare, *r, *p);
    }
    case F::kDate: {
      const auto r = date(request), p = date(policy);
      return r && p && compared(c.compare, *r, *p);
    }
    case F::kBool:
      return iequals(request, policy);
    case F::kBinary:
      return request == policy;
    case F::kIp:
      return in_block(request, policy);
    case F::kArn:
      return arn_match(policy, request);
    case F::kNull:
      return false;
  }
  return false;
}

bool holds(const Condition& c, const RequestContext& context) {
  const auto request = context.find(c.key);
  if (c.family == F::kNull) {
    for (const auto& v : c.values)
      if (iequals(v, "true") ? !request : iequals(v, "false") && request.has_value()) return true;
    return false;
  }
  if (!request || request->empty()) {
    if (c.if_exists || c.set == Condition::Set::kForAllValues) return true;
    if (c.set == Condition::Set::kForAnyValue) return false;
    return c.negated;
  }
  const bool variables = c.family == F::kString || c.family == F::kStringIgnoreCase ||
                         c.family == F::kStringLike || c.family == F::kArn;
  std::vector<std::string> policy;
  policy.reserve(c.values.size());
  for (const auto& v : c.values) {
    if (!variables) {
      policy.push_back(v);
    } else if (auto s = substitute_variables(v, context)) {
      policy.push_back(std::move(*s));
    }
  }
  // One request value: whether it matches any of the policy's values, or for
  // a negated operator none of them.
  auto one = [&](const std::string& value) {
    bool any = false;
    for (const auto& p : policy) any = any || matches(c, value, p);
    return c.negated ? !any : any;
  };
  switch (c.set) {
    case Condition::Set::kForAllValues:
      for (const auto& v : *request)
        if (!one(v)) return false;
      return true;
    case Condition::Set::kForAnyValue:
      for (const auto& v : *request)
        if (one(v)) return true;
      return false;
    case Condition::Set::kSingle:
      break;
  }
  // A single-valued operator on a key with several values: a positive one
  // holds when any of them matches, a negated one when none does.
  if (!c.negated) {
    for (const auto& v : *request)
      if (one(v)) return true;
    return false;
  }
  for (const auto& v : *request)
    if (!one(v)) return false;
  return true;
}

std::string value_text(const json& v, const std::string& at) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  throw PolicyError(at + " must be a string, a number or a boolean");
}

}  // namespace

std::optional<std::string> substitute_variables(std::string_view text,
                                                const RequestContext& context) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const size_t open = text.find("${");
    if (open == std::string_view::npos) break;
    const size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(0, open));
    const std::string_view name = text.substr(open + 2, close - open - 2);
    if (name == "*" || name == "?" || name == "$") {
      out.append(name);
    } else {
      const auto values = context.find(name);
      if (!values || values->size() != 1) return std::nullopt;
      out.append(values->front());
    }
    text.remove_prefix(close + 1);
  }
  out.append(text);
  return out;
}

std::vector<Condition> parse_conditions(const json& block, const std::string& at) {
  if (!block.is_object()) throw PolicyError(at + " must be an object");
  std::vector<Condition> out;
  for (const auto& [written, keys] : block.items()) {
    const std::string where = at + "." + written;
    Condition c;
    c.op = written;
    std::string_view name = written;
    if (starts_with(name, "ForAnyValue:")) {
      c.set = Condition::Set::kForAnyValue;
      name.remove_prefix(12);
    } else if (starts_with(name, "ForAllValues:")) {
      c.set = Condition::Set::kForAllValues;
      name.remove_prefix(13);
    }
    static constexpr std::string_view kIfExists = "IfExists";
    if (name.size() > kIfExists.size() &&
        name.substr(name.size() - kIfExists.size()) == kIfExists) {
      c.if_exists = true;
      name.remove_suffix(kIfExists.size());
    }
    const OperatorName* found = nullptr;
    for (const auto& o : kOperators)
      if (o.name == name) found = &o;
    if (!found || (found->family == F::kNull && (c.if_exists || c.set != Condition::Set::kSingle)))
      throw PolicyError(where +
                        ": not a condition operator (the IAM User Guide's \"Condition "
                        "operators\" lists them)");
    c.family = found->family;
    c.compare = found->compare;
    c.negated = found->negated;
    if (!keys.is_object() || keys.empty())
      throw PolicyError(where + " must map condition keys to values");
    for (const auto& [key, values] : keys.items()) {
      Condition k = c;
      k.key = key;
      const std::string value_at = where + "." + key;
      if (values.is_array()) {
        if (values.empty()) throw PolicyError(value_at + " must hold at least one value");
        for (const auto& v : values) k.values.push_back(value_text(v, value_at));
      } else {
        k.values.push_back(value_text(values, value_at));
      }
      out.push_back(std::move(k));
    }
  }
  return out;
}

bool conditions_hold(const std::vector<Condition>& conditions, const RequestContext& context) {
  for (const auto& c : conditions)
    if (!holds(c, context)) return false;
  return true;
}

}  // namespace kinesisd::iam
