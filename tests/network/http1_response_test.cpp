#include "network/http1_response.hpp"

#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <sstream>

#include "network/http_date.hpp"

namespace kinesisd::network {
namespace {

namespace http = boost::beast::http;

// The head without its Date line (the two heads may be made a second apart).
std::string undated(std::string head) {
  const size_t at = head.find("Date: ");
  if (at != std::string::npos) head.erase(at, head.find("\r\n", at) + 2 - at);
  return head;
}

// What Beast's serializer writes for the same answer (how kinesisd answered
// before), the body cut off.
std::string beast_head(const protocol::ApiResponse& api, unsigned version, bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(api.status), version};
  for (const auto& [name, value] : api.headers) res.set(name, value);
  if (!api.content_type.empty()) res.set(http::field::content_type, api.content_type);
  res.set(http::field::date, http_date());
  res.body() = api.body;
  res.keep_alive(keep_alive);
  res.prepare_payload();
  std::ostringstream out;
  out << res.base();
  return out.str();
}

TEST(Http1Response, TheHeadIsWhatBeastWrote) {
  protocol::ApiResponse ok;
  ok.status = 200;
  ok.content_type = "application/x-amz-json-1.1";
  ok.body = R"({"ShardId":"shardId-000000000000"})";
  ok.headers = {{"x-amzn-RequestId", "5f8b"}, {"x-amz-id-2", "abc"}};
  protocol::ApiResponse error = ok;
  error.status = 400;
  error.headers.emplace_back("x-amzn-ErrorType", "ResourceNotFoundException");
  protocol::ApiResponse replaced = ok;  // a later header of a name replaces an earlier one
  replaced.headers = {{"Vary", "Origin"}, {"x-a", "1"}, {"vary", "Accept"}};
  protocol::ApiResponse empty;
  empty.status = 404;
  protocol::ApiResponse no_content;
  no_content.status = 204;
  protocol::ApiResponse teapot;  // a status without a reason Beast knows
  teapot.status = 599;
  EXPECT_NE(response_head(ok, 11, true).find("\r\nDate: "), std::string::npos);
  for (const auto* api : {&ok, &error, &replaced, &empty, &no_content, &teapot})
    for (unsigned version : {10u, 11u})
      for (bool keep_alive : {true, false})
        EXPECT_EQ(undated(response_head(*api, version, keep_alive)),
                  undated(beast_head(*api, version, keep_alive)))
            << api->status << " HTTP/" << version << (keep_alive ? " keep-alive" : " close");
}

}  // namespace
}  // namespace kinesisd::network
