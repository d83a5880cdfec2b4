#include "kinesis/channels/key_template.hpp"

#include <array>
#include <ctime>

namespace kinesisd::channels {
namespace {

constexpr std::array<std::string_view, 9> kVariables{
    "channel-name", "channel-id", "yyyy", "YY", "MM", "dd", "HH", "mm", "extension"};

bool known(std::string_view name) {
  for (auto v : kVariables)
    if (v == name) return true;
  return false;
}

std::string two(int v) {
  return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
}

std::string value_of(std::string_view name, const KeyValues& values, const std::tm& tm) {
  if (name == "channel-name") return std::string(values.channel_name);
  if (name == "channel-id") return std::string(values.channel_id);
  if (name == "yyyy") return std::to_string(tm.tm_year + 1900);
  if (name == "YY") return two((tm.tm_year + 1900) % 100);
  if (name == "MM") return two(tm.tm_mon + 1);
  if (name == "dd") return two(tm.tm_mday);
  if (name == "HH") return two(tm.tm_hour);
  if (name == "mm") return two(tm.tm_min);
  return std::string(values.extension);  // "extension"
}

}  // namespace

std::string check_key_template(std::string_view t) {
  if (t.front() == '/' || t.back() == '/')
    return "OutputKeyTemplate must not start or end with '/'.";
  if (t.find("..") != std::string_view::npos || t.find("./") != std::string_view::npos)
    return "OutputKeyTemplate must not contain '..' or './'.";
  for (size_t at = t.find("!{"); at != std::string_view::npos; at = t.find("!{", at + 2)) {
    const size_t end = t.find('}', at);
    if (end == std::string_view::npos)
      return "OutputKeyTemplate has a '!{' without its closing '}'.";
    const auto name = t.substr(at + 2, end - at - 2);
    if (!known(name))
      return "OutputKeyTemplate names the unknown variable !{" + std::string(name) + "}.";
  }
  return "";
}

std::string expand_key(std::string_view t, const KeyValues& values, std::string_view unique) {
  const std::time_t seconds = values.ms / 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  std::string key;
  bool ends_with_extension = false;
  for (size_t at = 0; at < t.size();) {
    const size_t open = t.find("!{", at);
    if (open == std::string_view::npos) {
      key.append(t.substr(at));
      break;
    }
    key.append(t.substr(at, open - at));
    const size_t close = t.find('}', open);
    const auto name = t.substr(open + 2, close - open - 2);
    ends_with_extension = name == "extension" && close + 1 == t.size();
    if (ends_with_extension) break;
    key += value_of(name, values, tm);
    at = close + 1;
  }
  key += '-';
  key.append(unique);
  if (ends_with_extension) key.append(values.extension);
  return key;
}

}  // namespace kinesisd::channels
