#include "lambda/rest_api.hpp"

#include <gtest/gtest.h>

namespace kinesisd::lambda {

TEST(RestApi, MethodAndPathNameTheCall) {
  const std::string root = "/2015-03-31/event-source-mappings";
  EXPECT_EQ(route("POST", root)->call, Call::kCreate);
  EXPECT_EQ(route("POST", root + "/")->call, Call::kCreate);
  EXPECT_EQ(route("GET", root)->call, Call::kList);
  EXPECT_EQ(route("GET", root + "/abc")->call, Call::kGet);
  EXPECT_EQ(route("GET", root + "/abc")->uuid, "abc");
  EXPECT_EQ(route("PUT", root + "/abc")->call, Call::kUpdate);
  EXPECT_EQ(route("DELETE", root + "/a%2Db")->uuid, "a-b");
  EXPECT_EQ(route("PATCH", root + "/abc")->call, Call::kNone);
  EXPECT_EQ(route("DELETE", root)->call, Call::kNone);
  EXPECT_FALSE(route("GET", root + "/abc/def"));
  EXPECT_FALSE(route("GET", "/"));
  EXPECT_EQ(operation_name(Call::kUpdate), "UpdateEventSourceMapping");
  EXPECT_EQ(success_status(Call::kCreate), 202);
  EXPECT_EQ(success_status(Call::kList), 200);
}

TEST(RestApi, ErrorsInLambdasShape) {
  const auto r = render_error(protocol::errors::make("ResourceNotFoundException", "gone", 404));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"Type":"User","message":"gone"})");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "ResourceNotFoundException");
  EXPECT_EQ(nlohmann::json::parse(render_error(protocol::errors::make("S", "", 500)).body)["Type"],
            "Service");
}

}  // namespace kinesisd::lambda
