#include "protocol/auth.hpp"

#include "protocol/query_string.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

namespace kinesisd::protocol {
namespace {

// The Authorization header's parameters kinesisd reads: among the words after
// the first (the algorithm), split at commas and spaces alike ("AWS4-
// Signature=b Credential=a" names two), the first non-empty value of each
// key. One pass over the header: it is read on every request
// (std::string_view::find_first_of with a set of two is a memchr per
// character, which made this a fifth of a PutRecord's instructions).
struct HeaderParams {
  std::optional<std::string_view> credential, signature, signed_headers;
};

// The index of the first ',' or ' ' in header[i..], or header.size(): eight
// bytes at a time (SWAR; the lowest flagged byte is always a real one), as
// the words run 60-70 characters.
size_t next_separator(std::string_view header, size_t i) {
  static_assert(std::endian::native == std::endian::little, "the first byte is the lowest");
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  for (; i + 8 <= header.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, header.data() + i, 8);
    const uint64_t comma = w ^ (kOnes * ',');
    const uint64_t space = w ^ (kOnes * ' ');
    const uint64_t hit = (((comma - kOnes) & ~comma) | ((space - kOnes) & ~space)) & kHigh;
    if (hit) return i + static_cast<size_t>(__builtin_ctzll(hit)) / 8;
  }
  while (i < header.size() && header[i] != ',' && header[i] != ' ') ++i;
  return i;
}

HeaderParams header_params(std::string_view header) {
  HeaderParams out;
  size_t i = next_separator(header, 0);  // past the algorithm
  while (i < header.size()) {
    ++i;
    const size_t start = i;
    i = next_separator(header, i);
    const std::string_view word = header.substr(start, i - start);
    const size_t eq = word.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = word.substr(0, eq);
    std::string_view value = word.substr(eq + 1);
    value = value.substr(0, value.find('='));
    if (value.empty()) continue;
    auto* slot = key == "Credential"      ? &out.credential
                 : key == "Signature"     ? &out.signature
                 : key == "SignedHeaders" ? &out.signed_headers
                                          : nullptr;
    if (slot && !*slot) *slot = value;
  }
  return out;
}

// Access key and region from "AKID/date/region/service/aws4_request".
Credentials from_scope(std::string_view credential) {
  Credentials c;
  const size_t first = credential.find('/');
  c.access_key = std::string(credential.substr(0, first));
  if (first == std::string_view::npos) return c;
  const size_t second = credential.find('/', first + 1);
  if (second == std::string_view::npos) return c;
  const size_t third = credential.find('/', second + 1);
  c.region = std::string(
      credential.substr(second + 1, third == std::string_view::npos ? third : third - second - 1));
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
  const auto params = header_params(header);
  std::string problems;
  for (const auto& [key, value] :
       {std::pair{"Credential", params.credential}, std::pair{"Signature", params.signature},
        std::pair{"SignedHeaders", params.signed_headers}})
    if (!value) problems += "Authorization header requires '" + std::string(key) + "' parameter. ";
  if (!request.has_header("X-Amz-Date") && !request.has_header("Date"))
    problems +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (!problems.empty())
    return errors::make("IncompleteSignatureException",
                        problems + "Authorization=" + std::string(header));
  return from_scope(*params.credential);
}

}  // namespace kinesisd::protocol
