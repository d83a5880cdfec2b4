#include "network/http1_response.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>
#include <string_view>
#include <utility>
#include <vector>

#include "network/http_date.hpp"

namespace kinesisd::network {

namespace beast = boost::beast;
namespace http = beast::http;

std::string response_head(const protocol::ApiResponse& api, unsigned version, bool keep_alive) {
  const auto status = static_cast<http::status>(api.status);
  std::vector<std::pair<std::string_view, std::string_view>> fields;
  fields.reserve(api.headers.size() + 4);
  const auto set = [&fields](std::string_view name, std::string_view value) {
    std::erase_if(fields, [&](const auto& f) { return beast::iequals(f.first, name); });
    fields.emplace_back(name, value);
  };
  for (const auto& [name, value] : api.headers) set(name, value);
  if (!api.content_type.empty()) set("Content-Type", api.content_type);
  set("Date", http_date());
  if (version >= 11 && !keep_alive) set("Connection", "close");
  if (version < 11 && keep_alive) set("Connection", "keep-alive");
  const unsigned code = static_cast<unsigned>(api.status);
  const std::string length = std::to_string(api.body.size());
  set("Content-Length", length);
  size_t size = 32;  // the status line
  for (const auto& [name, value] : fields) size += name.size() + value.size() + 4;
  std::string head;
  head.reserve(size);
  head.append(version >= 11 ? "HTTP/1.1 " : "HTTP/1.0 ");
  head.append(std::to_string(code)).append(" ");
  const auto reason = http::obsolete_reason(status);
  head.append(reason.data(), reason.size()).append("\r\n");
  for (const auto& [name, value] : fields)
    head.append(name).append(": ").append(value).append("\r\n");
  head.append("\r\n");
  return head;
}

}  // namespace kinesisd::network
