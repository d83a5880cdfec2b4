#include "control/control_call.hpp"

#include <gtest/gtest.h>

namespace kinesisd::service {
namespace {

protocol::ApiRequest post(std::string_view body, std::string_view type, std::string_view ip) {
  protocol::ApiRequest r;
  r.method = "POST";
  r.path = "/_kinesisd/reset";
  r.body = body;
  if (!type.empty()) r.headers.push_back({"Content-Type", type});
  r.source_ip = ip;
  return r;
}

int refused_with(const std::variant<nlohmann::json, protocol::ApiResponse>& v) {
  const auto* r = std::get_if<protocol::ApiResponse>(&v);
  return r ? r->status : 0;
}

TEST(ControlCall, AcceptsAnEmptyBodyOrAJsonObject) {
  auto none = accept_control_call(post("", "", "10.0.0.1"), false, "POST /x");
  ASSERT_EQ(refused_with(none), 0);
  EXPECT_EQ(std::get<nlohmann::json>(none), nlohmann::json::object());
  auto body = accept_control_call(
      post(R"({"timeout_ms":5})", "application/json; charset=utf-8", "10.0.0.1"), false, "POST /x");
  ASSERT_EQ(refused_with(body), 0);
  EXPECT_EQ(std::get<nlohmann::json>(body)["timeout_ms"], 5);
}

TEST(ControlCall, RefusesWhatAWebPageCouldSend) {
  // A form or text/plain POST (no preflight in a browser) never gets through.
  EXPECT_EQ(refused_with(accept_control_call(
                post("a=1", "application/x-www-form-urlencoded", "127.0.0.1"), false, "POST /x")),
            415);
  EXPECT_EQ(refused_with(accept_control_call(post("{}", "text/plain", "127.0.0.1"), false, "")),
            415);
  EXPECT_EQ(
      refused_with(accept_control_call(post("[1]", "application/json", "127.0.0.1"), false, "")),
      400);
  auto get = post("", "", "127.0.0.1");
  get.method = "GET";
  EXPECT_EQ(refused_with(accept_control_call(get, false, "")), 405);
}

TEST(ControlCall, ABodyMustBeJsonWhateverItsEndpoint) {
  EXPECT_FALSE(refuse_non_json(post("", "", "127.0.0.1")));  // no body: nothing to check
  EXPECT_FALSE(refuse_non_json(post("{}", "application/json", "127.0.0.1")));
  EXPECT_EQ(refuse_non_json(post("{}", "text/plain", "127.0.0.1"))->status, 415);
  EXPECT_EQ(refuse_non_json(post("{}", "", "127.0.0.1"))->status, 415);
}

TEST(ControlCall, WithSigV4OnlyLoopbackCallersAreServed) {
  EXPECT_EQ(refused_with(accept_control_call(post("", "", "10.0.0.1"), true, "")), 403);
  EXPECT_EQ(refused_with(accept_control_call(post("", "", "127.0.0.1"), true, "")), 0);
  EXPECT_EQ(refused_with(accept_control_call(post("", "", "::1"), true, "")), 0);
  EXPECT_EQ(refused_with(accept_control_call(post("", "", "::ffff:127.0.0.1"), true, "")), 0);
}

}  // namespace
}  // namespace kinesisd::service
