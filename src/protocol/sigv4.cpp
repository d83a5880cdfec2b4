#include "protocol/sigv4.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <map>
#include <vector>

#include "protocol/query_string.hpp"
#include "protocol/utc_time.hpp"

namespace kinesisd::protocol {

std::string uri_encode(std::string_view s, bool keep_slash) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

std::string hex(const unsigned char* p, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[p[i] >> 4];
    out[2 * i + 1] = kHex[p[i] & 15];
  }
  return out;
}

std::string hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &n);
  return std::string(reinterpret_cast<char*>(out), n);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

// Every query parameter but the signature, sorted, each name and value encoded.
std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    const size_t eq = item.find('=');
    std::string name = percent_decode(item.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? "" : percent_decode(item.substr(eq + 1), true);
    if (!item.empty() && name != "X-Amz-Signature")
      params.emplace_back(uri_encode(name, false), uri_encode(value, false));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += k + "=" + v;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A header value trimmed, inner runs of spaces collapsed to one.
std::string trimmed(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string_view auth_param(std::string_view header, std::string_view key) {
  const size_t at = header.find(std::string(key) + "=");
  if (at == std::string_view::npos) return {};
  std::string_view v = header.substr(at + key.size() + 1);
  return v.substr(0, v.find_first_of(", "));
}

// "20130524T000000Z" as Unix milliseconds, or nullopt.
std::optional<int64_t> amz_time(std::string_view t) {
  if (t.size() != 16 || t[8] != 'T' || t[15] != 'Z') return std::nullopt;
  std::tm tm{};
  auto num = [&](size_t at, size_t n) { return std::atoi(std::string(t.substr(at, n)).c_str()); };
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(9, 2);
  tm.tm_min = num(11, 2);
  tm.tm_sec = num(13, 2);
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

Error mismatch() {
  return errors::make("InvalidSignatureException",
                      "The request signature we calculated does not match the signature you "
                      "provided. Check your AWS Secret Access Key and signing method. Consult the "
                      "service documentation for details.");
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return hex(digest, sizeof digest);
}

std::string amz_format(int64_t ms) { return utc_format(ms, "%Y%m%dT%H%M%SZ"); }

SignedBy signed_by(const ApiRequest& request) {
  SignedBy by;
  std::string_view credential;
  if (request.has_header("Authorization"))
    credential = auth_param(request.header("Authorization"), "Credential");
  std::string query_credential;
  if (credential.empty()) {
    if (auto q = query_param(request.query, "X-Amz-Credential"))
      query_credential = percent_decode(*q, true);
    credential = query_credential;
  }
  by.access_key = std::string(credential.substr(0, credential.find('/')));
  if (request.has_header("X-Amz-Security-Token"))
    by.session_token = std::string(request.header("X-Amz-Security-Token"));
  else if (auto q = query_param(request.query, "X-Amz-Security-Token"))
    by.session_token = percent_decode(*q, true);
  return by;
}

namespace {

// The signing key of a credential scope (date/region/service/aws4_request):
// HMAC-SHA256 chained over "AWS4" + secret and the scope's parts (the AWS
// General Reference, "Derive a signing key"). It changes once a day, so each
// thread keeps the last few it derived, as the AWS SDKs cache theirs: the four
// HMACs are most of what verifying one request costs.
const std::string& signing_key(std::string_view secret, std::string_view scope) {
  struct Entry {
    std::string secret, scope, key;
  };
  constexpr size_t kKept = 8;
  thread_local std::array<Entry, kKept> kept;
  thread_local size_t next = 0;
  for (const auto& e : kept)
    if (!e.key.empty() && e.scope == scope && e.secret == secret) return e.key;
  std::string key = "AWS4" + std::string(secret);
  std::string_view rest = scope;
  while (true) {
    const size_t slash = rest.find('/');
    key = hmac(key, rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  Entry& slot = kept[next++ % kKept];
  slot = Entry{std::string(secret), std::string(scope), std::move(key)};
  return slot.key;
}

}  // namespace

std::string sigv4_signature(std::string_view secret, std::string_view amz_date,
                            std::string_view scope, std::string_view canonical_request) {
  const std::string string_to_sign = "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" +
                                     std::string(scope) + "\n" + sha256_hex(canonical_request);
  const std::string sig = hmac(signing_key(secret, scope), string_to_sign);
  return hex(reinterpret_cast<const unsigned char*>(sig.data()), sig.size());
}

std::optional<Error> verify_signature(const ApiRequest& request, std::string_view secret,
                                      int64_t now_ms) {
  const bool presigned = !request.has_header("Authorization");
  std::string credential, signed_headers, signature, date;
  if (presigned) {
    credential = percent_decode(*query_param(request.query, "X-Amz-Credential"), true);
    signed_headers = percent_decode(*query_param(request.query, "X-Amz-SignedHeaders"), true);
    signature = std::string(*query_param(request.query, "X-Amz-Signature"));
    date = percent_decode(*query_param(request.query, "X-Amz-Date"), true);
  } else {
    const std::string_view header = request.header("Authorization");
    credential = std::string(auth_param(header, "Credential"));
    signed_headers = std::string(auth_param(header, "SignedHeaders"));
    signature = std::string(auth_param(header, "Signature"));
    date = std::string(request.has_header("X-Amz-Date") ? request.header("X-Amz-Date")
                                                        : request.header("Date"));
  }
  const auto signed_ms = amz_time(date);
  if (!signed_ms) return mismatch();
  constexpr int64_t kSkewMs = 5 * 60 * 1000;
  if (*signed_ms < now_ms - kSkewMs)
    return errors::make("InvalidSignatureException", "Signature expired: " + date +
                                                         " is now earlier than " +
                                                         amz_format(now_ms - kSkewMs) + " (" +
                                                         amz_format(now_ms) + " - 5 min.)");
  if (*signed_ms > now_ms + kSkewMs)
    return errors::make("InvalidSignatureException", "Signature not yet current: " + date +
                                                         " is still later than " +
                                                         amz_format(now_ms + kSkewMs) + " (" +
                                                         amz_format(now_ms) + " + 5 min.)");

  const size_t slash = credential.find('/');
  if (slash == std::string::npos) return mismatch();
  const std::string scope = credential.substr(slash + 1);
  if (scope.substr(0, 8) != date.substr(0, 8)) return mismatch();  // the scope's day is the date's

  std::string canonical;
  canonical.append(request.method).append("\n");
  canonical.append(uri_encode(percent_decode(request.path, false), true)).append("\n");
  canonical.append(canonical_query(request.query)).append("\n");
  std::string_view names = signed_headers;
  while (!names.empty()) {
    const size_t semi = names.find(';');
    const std::string name = lower(names.substr(0, semi));
    // Every value of the header, in order, joined by commas.
    std::string values;
    bool any = false;
    for (const auto& h : request.headers)
      if (iequals(h.name, name)) {
        if (any) values += ',';
        values += trimmed(h.value);
        any = true;
      }
    // HTTP/2's :authority is HTTP/1.1's Host; the JS SDK v3 signs it either way.
    if (!any && name == "host") values = std::string(request.header(":authority"));
    if (!any && name == ":authority") values = trimmed(request.header("host"));
    canonical.append(name).append(":").append(values).append("\n");
    if (semi == std::string_view::npos) break;
    names.remove_prefix(semi + 1);
  }
  canonical.append("\n").append(lower(signed_headers)).append("\n");
  // The payload's hash, hashed once: the declared one must be it.
  const std::string_view declared = request.header("X-Amz-Content-Sha256");
  if (declared == "UNSIGNED-PAYLOAD")
    return sigv4_signature(secret, date, scope, canonical + "UNSIGNED-PAYLOAD") == signature
               ? std::nullopt
               : std::optional<Error>(mismatch());
  const std::string body_hash = sha256_hex(request.body);
  if (!declared.empty() && declared != body_hash)
    return errors::make("InvalidSignatureException",
                        "The provided 'x-amz-content-sha256' header does not match what was "
                        "computed.");
  if (sigv4_signature(secret, date, scope, canonical + body_hash) == signature) return std::nullopt;
  // A presigned URL may sign UNSIGNED-PAYLOAD instead, as S3's do (and the
  // console's live tail); the SDKs' presigners for other services sign the
  // (empty) payload's hash, as the General Reference's example does.
  if (presigned && declared.empty() &&
      sigv4_signature(secret, date, scope, canonical + "UNSIGNED-PAYLOAD") == signature)
    return std::nullopt;
  return mismatch();
}

}  // namespace kinesisd::protocol
