#include "aws/endpoints.hpp"

#include <cctype>

#include "network/http_client.hpp"

namespace kinesisd::aws {
namespace {

std::string upper(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

}  // namespace

Endpoints Endpoints::resolve(const EndpointSources& sources) {
  Endpoints out;
  for (std::string_view service : kServices) {
    const std::string s(service);
    std::string url, from;
    auto take = [&](const std::map<std::string, std::string>& m, const std::string& key,
                    const std::string& name) {
      if (!url.empty()) return;
      auto it = m.find(key);
      if (it != m.end() && !it->second.empty()) url = it->second, from = name;
    };
    take(sources.flags, s, "--endpoint-url-" + s);
    take(sources.flags, "default", "--endpoint-url");
    for (const std::string& name :
         {"AWS_ENDPOINT_URL_" + upper(s), std::string("AWS_ENDPOINT_URL")})
      if (url.empty())
        if (const char* v = sources.environment(name.c_str()); v && *v) url = v, from = name;
    take(sources.config_file, s, "the config file's endpoints." + s);
    take(sources.config_file, "default", "the config file's endpoints.default");
    if (url.empty()) continue;
    const auto parsed = network::parse_url(url);
    if (!parsed || parsed->target.find_first_of("?#") != std::string::npos)
      throw EndpointError(from + ": '" + url +
                          "' is not an endpoint URL (http://host[:port] or https://host[:port], "
                          "optionally with a path)");
    while (url.back() == '/') url.pop_back();
    out.by_service_[s] = {url, from};
  }
  return out;
}

std::string Endpoints::url(std::string_view service) const {
  auto it = by_service_.find(service);
  return it == by_service_.end() ? std::string() : it->second.first;
}

std::string Endpoints::source(std::string_view service) const {
  auto it = by_service_.find(service);
  return it == by_service_.end() ? std::string() : it->second.second;
}

}  // namespace kinesisd::aws
