#include "kinesis_requests.hpp"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>

#include "protocol/sigv4.hpp"

namespace kinesisd::bench {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Base64 of `size` pseudo-random bytes.
std::string payload(int size, unsigned seed) {
  std::string raw(static_cast<size_t>(size), '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (auto& c : raw) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x);
  }
  std::string out;
  size_t i = 0;
  for (; i + 2 < raw.size(); i += 3) {
    const uint32_t n = static_cast<uint8_t>(raw[i]) << 16 | static_cast<uint8_t>(raw[i + 1]) << 8 |
                       static_cast<uint8_t>(raw[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(n >> s) & 63];
  }
  if (i < raw.size()) {
    uint32_t n = static_cast<uint8_t>(raw[i]) << 16;
    if (i + 1 < raw.size()) n |= static_cast<uint8_t>(raw[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < raw.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace

namespace {

struct Signer {
  std::string access_key, secret;
};
std::optional<Signer> signer;  // set once, before any request is built

}  // namespace

void sign_requests_with(std::string access_key, std::string secret) {
  signer = Signer{std::move(access_key), std::move(secret)};
}

std::string kinesis_request(std::string_view host, std::string_view operation,
                            std::string_view json_body, std::string_view target_prefix) {
  std::string target(target_prefix);
  target.append(".").append(operation);
  std::string date = "20261122T000000Z", key = "AKIAIOSFODNN7EXAMPLE", signature(64, '0');
  if (signer) {
    date = protocol::amz_format(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count());
    key = signer->access_key;
    // The canonical request of the AWS General Reference's SigV4 steps.
    std::string canonical = "POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:";
    canonical.append(host).append("\nx-amz-date:").append(date);
    canonical.append("\nx-amz-target:").append(target);
    canonical.append("\n\ncontent-type;host;x-amz-date;x-amz-target\n");
    canonical.append(protocol::sha256_hex(json_body));
    signature = protocol::sigv4_signature(
        signer->secret, date, date.substr(0, 8) + "/us-east-1/kinesis/aws4_request", canonical);
  }
  std::string r;
  r.reserve(400 + json_body.size());
  r += "POST / HTTP/1.1\r\nHost: ";
  r += host;
  r += "\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: ";
  r += target;
  r += "\r\nX-Amz-Date: ";
  r += date;
  r += "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=";
  r += key;
  r += '/';
  r += date.substr(0, 8);
  r += "/us-east-1/kinesis/aws4_request, "
       "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=";
  r += signature;
  r += "\r\nContent-Length: ";
  r += std::to_string(json_body.size());
  r += "\r\n\r\n";
  r += json_body;
  return r;
}

std::string put_record_batch_body(std::string_view delivery_stream, int count, int size,
                                  unsigned seed) {
  // The records of a Kinesis PutRecords body, without their partition keys.
  std::string body = "{\"DeliveryStreamName\":\"";
  body += delivery_stream;
  body += "\",\"Records\":[";
  const std::string kinesis = put_records_body("x", count, size, seed);
  size_t at = 0;
  for (int i = 0; i < count; ++i) {
    at = kinesis.find("\"Data\":\"", at);
    const size_t end = kinesis.find('"', at + 8);
    if (i) body += ',';
    body += "{";
    body.append(kinesis, at, end + 1 - at);
    body += "}";
    at = end;
  }
  body += "]}";
  return body;
}

std::string put_records_body(std::string_view stream, int count, int size, unsigned seed) {
  std::string b = "{\"StreamName\":\"";
  b += stream;
  b += "\",\"Records\":[";
  for (int i = 0; i < count; ++i) {
    if (i) b += ',';
    b += "{\"Data\":\"";
    b += payload(size, seed * 7919 + static_cast<unsigned>(i));
    b += "\",\"PartitionKey\":\"pk-";
    b += std::to_string((seed * 500 + static_cast<unsigned>(i)) % 100000);
    b += "\"}";
  }
  b += "]}";
  return b;
}

std::string put_record_body(std::string_view stream, int size, unsigned seed) {
  std::string b = "{\"StreamName\":\"";
  b += stream;
  b += "\",\"Data\":\"";
  b += payload(size, seed);
  b += "\",\"PartitionKey\":\"pk-";
  b += std::to_string(seed % 100000);
  b += "\"}";
  return b;
}

long failed_record_count(std::string_view body) {
  const auto at = body.find("\"FailedRecordCount\"");
  if (at == std::string_view::npos) return -1;
  size_t i = at + 19;
  while (i < body.size() && (body[i] == ':' || body[i] == ' ')) ++i;
  long n = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') n = n * 10 + (body[i++] - '0');
  return n;
}

std::string json_string_member(std::string_view body, std::string_view name) {
  std::string key = "\"";
  key += name;
  key += '"';
  // Members this tool reads (NextShardIterator, ShardIterator) come last in
  // their answers, after the records: searching from the end skips the bulk.
  auto at = body.rfind(key);
  if (at == std::string_view::npos) return {};
  at = body.find('"', at + key.size());
  if (at == std::string_view::npos) return {};
  const auto end = body.find('"', at + 1);
  if (end == std::string_view::npos) return {};
  return std::string(body.substr(at + 1, end - at - 1));
}

size_t count_records(std::string_view body) {
  // memmem skips ahead by the needle's length; string_view::find stops at
  // every quote, and a drain's answers are megabytes of them.
  static constexpr std::string_view kKey = "\"SequenceNumber\"";
  size_t n = 0;
  const char* at = body.data();
  const char* const end = body.data() + body.size();
  while (const void* hit = memmem(at, static_cast<size_t>(end - at), kKey.data(), kKey.size())) {
    ++n;
    at = static_cast<const char*>(hit) + kKey.size();
  }
  return n;
}

}  // namespace kinesisd::bench
