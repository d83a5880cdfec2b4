#include "protocol/auth.hpp"

#include "protocol/query_string.hpp"

#include <vector>

namespace kinesisd::protocol {
namespace {

// The value of `key` among the Authorization header's parameters: the words
// after the first (the algorithm), split at commas and spaces alike ("AWS4-
// Signature=b Credential=a" names two). An empty value is no value.
std::optional<std::string_view> header_param(std::string_view header, std::string_view key) {
  const size_t first = header.find_first_of(", ");
  if (first == std::string_view::npos) return std::nullopt;
  std::string_view rest = header.substr(first + 1);
  while (!rest.empty()) {
    const size_t end = rest.find_first_of(", ");
    const std::string_view word = rest.substr(0, end);
    const size_t eq = word.find('=');
    if (eq != std::string_view::npos && word.substr(0, eq) == key) {
      std::string_view value = word.substr(eq + 1);
      value = value.substr(0, value.find('='));
      if (!value.empty()) return value;
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
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

// The checks and their texts are AWS's (kinesalite's test/connection.js,
// checked against AWS): both forms at once, neither, then each missing part.
Outcome<Credentials> authenticate(const ApiRequest& request) {
  const bool has_header = request.has_header("Authorization");
  // "?X-Amz-Algorithm" without a value counts.
  const bool has_query = query_param(request.query, "X-Amz-Algorithm").has_value();
  if (has_header && has_query)
    return errors::make("InvalidSignatureException",
                        "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' "
                        "as HTTP header.");
  if (!has_header && !has_query)
    return errors::make("MissingAuthenticationTokenException", "Missing Authentication Token");

  if (has_query) {
    std::string missing;
    for (std::string_view key : {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
                                 "X-Amz-SignedHeaders", "X-Amz-Date"}) {
      const auto value = query_param(request.query, key);
      if (!value || value->empty())
        missing += "AWS query-string parameters must include '" + std::string(key) + "'. ";
    }
    if (!missing.empty())
      return errors::make("IncompleteSignatureException",
                          missing + "Re-examine the query-string parameters.");
    return from_scope(*query_param(request.query, "X-Amz-Credential"));
  }

  const std::string_view header = request.header("Authorization");
  const auto credential = header_param(header, "Credential");
  std::string problems;
  for (std::string_view key : {"Credential", "Signature", "SignedHeaders"})
    if (!header_param(header, key))
      problems += "Authorization header requires '" + std::string(key) + "' parameter. ";
  if (!request.has_header("X-Amz-Date") && !request.has_header("Date"))
    problems +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (!problems.empty())
    return errors::make("IncompleteSignatureException",
                        problems + "Authorization=" + std::string(header));
  return from_scope(*credential);
}

}  // namespace kinesisd::protocol
