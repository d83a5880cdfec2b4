#include "protocol/response.hpp"

#include "protocol/base64.hpp"
#include "protocol/cbor.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>

namespace kinesisd::protocol {
namespace {

// A fast generator for ids that must be unique, not secret: splitmix64,
// seeded per thread from the system's entropy (mt19937_64 and a base64 pass
// were a twentieth of a PutRecord's instructions).
uint64_t next_random() {
  thread_local uint64_t state =
      (static_cast<uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace

std::string new_request_id() {
  // Two hex characters per byte value, looked up a byte at a time.
  static constexpr std::array<char, 512> kHexPairs = [] {
    std::array<char, 512> t{};
    constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 256; ++i) {
      t[2 * i] = kHex[i >> 4];
      t[2 * i + 1] = kHex[i & 0xf];
    }
    return t;
  }();
  const uint64_t words[2] = {next_random(), next_random()};
  char hex[32];
  for (int w = 0; w < 2; ++w)
    for (int i = 0; i < 8; ++i)
      std::memcpy(hex + 16 * w + 2 * i, &kHexPairs[2 * ((words[w] >> (8 * i)) & 0xff)], 2);
  // 8-4-4-4-12, the version and variant digits over random ones.
  std::string out(36, '-');
  std::memcpy(&out[0], hex, 8);
  std::memcpy(&out[9], hex + 8, 4);
  std::memcpy(&out[14], hex + 12, 4);
  std::memcpy(&out[19], hex + 16, 4);
  std::memcpy(&out[24], hex + 20, 12);
  out[14] = '4';                          // version 4
  out[19] = "89ab"[(words[1] >> 4) & 3];  // variant 10xx, from the digit it replaces
  return out;
}

// The base64 of 72 random bytes (AWS's x-amz-id-2 is that long): nine
// 64-bit draws, encoded in three SIMD blocks where the CPU has them.
std::string new_extended_request_id() {
  uint64_t bytes[9];
  for (auto& b : bytes) b = next_random();
  std::string out;
  out.reserve(96);
  base64_encode_append(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes), out);
  return out;
}

void add_request_ids(ApiResponse& response, bool extended) {
  response.headers.reserve(response.headers.size() + 2);
  response.headers.emplace_back("x-amzn-RequestId", new_request_id());
  if (extended) response.headers.emplace_back("x-amz-id-2", new_extended_request_id());
}

ApiResponse error_response(const Error& error, std::string_view content_type) {
  ApiResponse r;
  r.status = error.status;
  r.content_type = std::string(content_type);
  nlohmann::json body{{"__type", error.type}};
  if (!error.message.empty()) body[error.capital_m ? "Message" : "message"] = error.message;
  r.body = content_type == kAmzCbor
               ? cbor_encode(body)
               : body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.headers.emplace_back("x-amzn-ErrorType", error.type);
  return r;
}

ApiResponse xml_error_response(const Error& error, int status) {
  ApiResponse r;
  r.status = status;
  if (error.message.empty()) {
    r.body = "<" + error.type + "/>\n";
    return r;
  }
  // The message may echo the request (an Authorization header): escaped.
  std::string text;
  for (char c : error.message) {
    if (c == '<')
      text += "&lt;";
    else if (c == '>')
      text += "&gt;";
    else if (c == '&')
      text += "&amp;";
    else
      text += c;
  }
  r.body = "<" + error.type + ">\n  <Message>" + text + "</Message>\n</" + error.type + ">\n";
  return r;
}

}  // namespace kinesisd::protocol
