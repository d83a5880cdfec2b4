#include "protocol/query_string.hpp"

namespace kinesisd::protocol {

std::string url_decode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

std::vector<std::string> query_params(std::string_view query, std::string_view key) {
  std::vector<std::string> out;
  while (!query.empty()) {
    const size_t end = query.find('&');
    const std::string_view item = query.substr(0, end);
    const size_t eq = item.find('=');
    if (url_decode(item.substr(0, eq)) == key)
      out.push_back(eq == std::string_view::npos ? std::string() : url_decode(item.substr(eq + 1)));
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return out;
}

std::optional<std::string> query_param(std::string_view query, std::string_view key) {
  auto all = query_params(query, key);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

}  // namespace kinesisd::protocol
