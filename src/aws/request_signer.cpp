#include "aws/request_signer.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "protocol/sigv4.hpp"

namespace kinesisd::aws {

void sign(network::HttpRequest& request, std::string_view service, std::string_view region,
          const Credentials& credentials, int64_t now_ms) {
  const auto url = network::parse_url(request.url);
  const std::string amz_date = protocol::amz_format(now_ms);
  const std::string scope = amz_date.substr(0, 8) + "/" + std::string(region) + "/" +
                            std::string(service) + "/aws4_request";
  const std::string payload_hash = protocol::sha256_hex(request.body);

  std::string path = url->target, query;
  if (const size_t q = path.find('?'); q != std::string::npos) {
    query = path.substr(q + 1);
    path.resize(q);
  }
  std::vector<std::string> params;
  for (size_t start = 0; start < query.size();) {
    size_t amp = query.find('&', start);
    if (amp == std::string::npos) amp = query.size();
    std::string p = query.substr(start, amp - start);
    if (!p.empty()) params.push_back(p.find('=') == std::string::npos ? p + "=" : p);
    start = amp + 1;
  }
  std::sort(params.begin(), params.end());
  std::string canonical_query;
  for (const auto& p : params) canonical_query += (canonical_query.empty() ? "" : "&") + p;

  std::string canonical_headers = "host:" + url->authority +
                                  "\nx-amz-content-sha256:" + payload_hash +
                                  "\nx-amz-date:" + amz_date + "\n";
  std::string signed_headers = "host;x-amz-content-sha256;x-amz-date";
  if (!credentials.session_token.empty()) {
    canonical_headers += "x-amz-security-token:" + credentials.session_token + "\n";
    signed_headers += ";x-amz-security-token";
  }
  const std::string canonical = request.method + "\n" + path + "\n" + canonical_query + "\n" +
                                canonical_headers + "\n" + signed_headers + "\n" + payload_hash;
  const std::string signature =
      protocol::sigv4_signature(credentials.secret_key, amz_date, scope, canonical);
  request.headers.emplace_back("X-Amz-Date", amz_date);
  request.headers.emplace_back("X-Amz-Content-Sha256", payload_hash);
  if (!credentials.session_token.empty())
    request.headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  request.headers.emplace_back(
      "Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.access_key + "/" + scope +
                           ", SignedHeaders=" + signed_headers + ", Signature=" + signature);
}

void sign(network::HttpRequest& request, std::string_view service, std::string_view region,
          const Credentials& credentials) {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  sign(request, service, region, credentials, now);
}

}  // namespace kinesisd::aws
