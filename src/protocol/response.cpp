#include "protocol/response.hpp"

#include "protocol/cbor.hpp"

#include <cstring>
#include <nlohmann/json.hpp>
#include <random>

#include "protocol/base64.hpp"

namespace kinesisd::protocol {
namespace {

std::mt19937_64& rng() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

}  // namespace

std::string new_request_id() {
  static constexpr char kHex[] = "0123456789abcdef";
  const uint64_t a = rng()(), b = rng()();
  char out[36];
  int n = 0;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out[n++] = '-';
    unsigned nibble = static_cast<unsigned>(((i < 16 ? a : b) >> (4 * (i % 16))) & 0xf);
    if (i == 12) nibble = 4;                   // version 4
    if (i == 16) nibble = 8 | (nibble & 0x3);  // variant 10xx
    out[n++] = kHex[nibble];
  }
  return std::string(out, 36);
}

std::string new_extended_request_id() {
  char bytes[72];
  for (size_t i = 0; i < sizeof bytes; i += 8) {
    const uint64_t v = rng()();
    std::memcpy(bytes + i, &v, 8);
  }
  return base64_encode(std::string_view(bytes, sizeof bytes));
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
