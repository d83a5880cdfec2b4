// Query strings: percent-decoding and lookup of one parameter.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinesisd::protocol {

// '+' is a space; a '%' not followed by two hex digits is kept as it is.
std::string url_decode(std::string_view s);

// The decoded value of `key` in "a=1&b=2", or nullopt when absent.
std::optional<std::string> query_param(std::string_view query, std::string_view key);

// Every decoded value of `key`, in order ("k=a&k=b": a, b).
std::vector<std::string> query_params(std::string_view query, std::string_view key);

}  // namespace kinesisd::protocol
