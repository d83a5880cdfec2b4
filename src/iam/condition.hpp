// A policy statement's Condition element, as the IAM User Guide's "IAM JSON
// policy elements: Condition operators" defines it: operator -> key ->
// values. Every operator family (String*, Numeric*, Date*, Bool, BinaryEquals,
// IpAddress/NotIpAddress, Arn*, Null), the ...IfExists suffix and the
// ForAnyValue:/ForAllValues: set qualifiers; policy variables (${aws:username})
// in String and Arn values. A block holds when every operator holds, an
// operator when every key does, a key when any of its values matches. A key
// the request does not have fails a condition, except a negated one
// (StringNotEquals, ArnNotLike, ...), an ...IfExists one and ForAllValues:,
// which hold; Null tests for the key itself.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "iam/request_context.hpp"

namespace kinesisd::iam {

struct Condition {
  enum class Family {
    kString,
    kStringIgnoreCase,
    kStringLike,
    kNumeric,
    kDate,
    kBool,
    kBinary,
    kIp,
    kArn,
    kNull
  };
  enum class Compare { kEquals, kLess, kLessEquals, kGreater, kGreaterEquals };
  enum class Set { kSingle, kForAnyValue, kForAllValues };

  std::string op;  // as written, e.g. "ForAnyValue:StringLike"
  Family family = Family::kString;
  Compare compare = Compare::kEquals;
  bool negated = false;    // StringNotEquals, NotIpAddress, ArnNotLike, ...
  bool if_exists = false;  // ...IfExists
  Set set = Set::kSingle;
  std::string key;
  std::vector<std::string> values;
};

// Reads a Condition block. Throws PolicyError naming `at` and what is wrong.
std::vector<Condition> parse_conditions(const nlohmann::json& block, const std::string& at);

// Whether every condition holds for the request.
bool conditions_hold(const std::vector<Condition>& conditions, const RequestContext& context);

// `text` with its policy variables (${aws:username}, and ${*} ${?} ${$} for
// the characters themselves) replaced from the context; nullopt when it names
// a key the request does not have (the value then matches nothing).
std::optional<std::string> substitute_variables(std::string_view text,
                                                const RequestContext& context);

}  // namespace kinesisd::iam
