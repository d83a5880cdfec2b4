#include "protocol/auth.hpp"

#include "protocol/query_string.hpp"

#include <vector>

namespace kinesisd::protocol {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Value of key=value in a list separated by `sep`, or nullopt.
std::optional<std::string_view> param(std::string_view list, std::string_view key, char sep) {
  while (!list.empty()) {
    const size_t end = list.find(sep);
    std::string_view item = trim(list.substr(0, end));
    const size_t eq = item.find('=');
    if (eq != std::string_view::npos && iequals(trim(item.substr(0, eq)), key))
      return trim(item.substr(eq + 1));
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return std::nullopt;
}

// Access key and region from "AKID/date/region/service/aws4_request".
Credentials from_scope(std::string_view credential) {
  Credentials c;
  std::vector<std::string_view> parts;
  while (true) {
    const size_t slash = credential.find('/');
    parts.push_back(credential.substr(0, slash));
    if (slash == std::string_view::npos) break;
    credential.remove_prefix(slash + 1);
  }
  c.access_key = std::string(parts[0]);
  if (parts.size() >= 3) c.region = std::string(parts[2]);
  return c;
}

}  // namespace

Outcome<Credentials> authenticate(const ApiRequest& request) {
  const bool has_header = request.has_header("Authorization");
  const auto query_algorithm = param(request.query, "X-Amz-Algorithm", '&');
  if (has_header && query_algorithm)
    return errors::make("InvalidSignatureException",
                        "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' "
                        "as HTTP header.");
  if (!has_header && !query_algorithm)
    return errors::make("MissingAuthenticationTokenException", "Missing Authentication Token");

  if (query_algorithm) {
    std::string missing;
    for (std::string_view key :
         {"X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"}) {
      if (!param(request.query, key, '&'))
        missing += "AWS query-string parameters must include '" + std::string(key) + "'. ";
    }
    if (!missing.empty())
      return errors::make("IncompleteSignatureException",
                          missing + "Re-examine the query-string parameters.");
    return from_scope(url_decode(*param(request.query, "X-Amz-Credential", '&')));
  }

  const std::string_view header = request.header("Authorization");
  // "ALGORITHM k=v, k=v, ..." -- the parameters follow the first space.
  const size_t space = header.find(' ');
  const std::string_view params =
      space == std::string_view::npos ? std::string_view{} : header.substr(space + 1);
  const auto credential = param(params, "Credential", ',');
  std::string problems;
  if (!credential) problems += "Authorization header requires 'Credential' parameter. ";
  if (!param(params, "Signature", ','))
    problems += "Authorization header requires 'Signature' parameter. ";
  if (!param(params, "SignedHeaders", ','))
    problems += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!request.has_header("X-Amz-Date") && !request.has_header("Date"))
    problems +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (!problems.empty())
    return errors::make("IncompleteSignatureException",
                        problems + "Authorization=" + std::string(header));
  return from_scope(*credential);
}

}  // namespace kinesisd::protocol
