#include "protocol/response.hpp"

#include "protocol/base64.hpp"
#include "protocol/cbor.hpp"

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
  static constexpr char kHex[] = "0123456789abcdef";
  const uint64_t a = next_random(), b = next_random();
  std::string out(36, '-');
  int n = 0;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) ++n;  // the hyphen already there
    unsigned nibble = static_cast<unsigned>(((i < 16 ? a : b) >> (4 * (i % 16))) & 0xf);
    if (i == 12) nibble = 4;                   // version 4
    if (i == 16) nibble = 8 | (nibble & 0x3);  // variant 10xx
    out[n++] = kHex[nibble];
  }
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
