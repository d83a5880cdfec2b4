#include "server/request_guard.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace kinesisd::service {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The name of "name:port", "[v6]:port", "name".
std::string hostname_of(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const auto close = host.find(']');
    return lower(host.substr(0, close == std::string_view::npos ? host.size() : close + 1));
  }
  return lower(host.substr(0, host.find(':')));
}

bool ip_literal(std::string_view name) {
  if (!name.empty() && name.front() == '[') return true;  // IPv6
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

bool loopback_name(std::string_view name) {
  return name == "localhost" || name.ends_with(".localhost") || name == "[::1]" ||
         name.starts_with("127.");
}

protocol::ApiResponse refuse_with(std::string message) {
  protocol::ApiResponse r;
  r.status = 403;
  r.content_type = "application/json";
  r.body = nlohmann::json{{"message", std::move(message)}}.dump();
  return r;
}

}  // namespace

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find(',', at);
    if (end == std::string_view::npos) end = text.size();
    auto item = text.substr(at, end - at);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    at = end + 1;
  }
  return out;
}

RequestGuard::RequestGuard(GuardSettings settings) : settings_(std::move(settings)) {
  for (auto& h : settings_.allowed_hosts) h = lower(h);
  for (auto& o : settings_.cors_origins) o = lower(o);
  any_host_ = std::count(settings_.allowed_hosts.begin(), settings_.allowed_hosts.end(), "*");
  any_origin_ = std::count(settings_.cors_origins.begin(), settings_.cors_origins.end(), "*");
}

bool RequestGuard::host_allowed(std::string_view host_header) const {
  if (any_host_ || host_header.empty()) return true;  // HTTP/1.0 names none
  const std::string name = hostname_of(host_header);
  if (ip_literal(name) || loopback_name(name) || name.find('.') == std::string::npos ||
      name == "host.docker.internal" || name == lower(settings_.host))
    return true;
  return std::count(settings_.allowed_hosts.begin(), settings_.allowed_hosts.end(), name) > 0;
}

bool RequestGuard::origin_allowed(std::string_view origin, std::string_view host_header) const {
  if (any_origin_) return true;
  const std::string o = lower(origin);
  if (std::count(settings_.cors_origins.begin(), settings_.cors_origins.end(), o)) return true;
  const auto scheme = o.find("://");
  if (scheme == std::string::npos) return false;  // "null" (a sandbox, a file) and the like
  const std::string_view authority = std::string_view(o).substr(scheme + 3);
  if (loopback_name(hostname_of(authority))) return true;
  return !host_header.empty() && authority == lower(host_header);  // the console's own page
}

std::string RequestGuard::allow_origin(std::string_view origin) const {
  return any_origin_ ? std::string("*") : std::string(origin);
}

std::optional<protocol::ApiResponse> RequestGuard::refuse(
    const protocol::ApiRequest& request) const {
  const std::string_view host = request.header("Host");
  if (!host_allowed(host))
    return refuse_with("kinesisd does not serve requests for host '" + std::string(host) +
                       "': a web page may have reached it by DNS rebinding. If that name is "
                       "yours, allow it with --allowed-hosts (KINESISD_ALLOWED_HOSTS).");
  if (request.has_header("Origin")) {
    const std::string_view origin = request.header("Origin");
    if (!origin_allowed(origin, host))
      return refuse_with("kinesisd does not serve browser requests from origin '" +
                         std::string(origin) +
                         "': only pages on this machine's loopback and the console are let in. "
                         "Allow it with --cors-origins (KINESISD_CORS_ORIGINS).");
  }
  return std::nullopt;
}

}  // namespace kinesisd::service
