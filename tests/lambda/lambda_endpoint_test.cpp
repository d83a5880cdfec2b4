#include "lambda/lambda_endpoint.hpp"

#include <gtest/gtest.h>

#include "lambda/rest_api.hpp"
#include "tests/lambda/poller/fake_handler.hpp"

namespace kinesisd::service {
namespace {

struct Api {
  log::OffsetClock clock;
  log::StreamStore store{{}, clock};
  handler::HandlerRegistry handlers{{"http://127.0.0.1:1", "us-east-1", "000000000000"}};
  poller::Poller poller{store, handlers};
  LambdaEndpoint api{poller, "us-east-1"};
  std::shared_ptr<log::Stream> stream = poller::testing::make_stream(store, "ctr", 1);

  Api() { handlers.add(std::make_shared<poller::testing::FakeHandler>("enrich")); }

  protocol::ApiResponse call(std::string_view method, std::string_view path,
                             std::string_view body = "", std::string_view query = "",
                             bool signed_request = true) {
    protocol::ApiRequest r;
    r.method = method;
    r.path = path;
    r.query = query;
    r.body = body;
    if (signed_request) {
      r.headers.push_back({"X-Amz-Date", "20261122T000000Z"});
      r.headers.push_back({"Authorization",
                           "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/lambda/"
                           "aws4_request, SignedHeaders=host, Signature=00"});
    }
    return api.handle(r);
  }
  std::string create_body() const {
    return nlohmann::json{{"EventSourceArn", stream->arn()},
                          {"FunctionName", "enrich"},
                          {"StartingPosition", "LATEST"},
                          {"BatchSize", 5}}
        .dump();
  }
};

std::string header(const protocol::ApiResponse& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

TEST(LambdaEndpoint, CreateGetUpdateListDelete) {
  Api a;
  EXPECT_TRUE(lambda::route("POST", "/2015-03-31/event-source-mappings/"));
  EXPECT_FALSE(lambda::route("POST", "/"));
  auto created = a.call("POST", "/2015-03-31/event-source-mappings/", a.create_body());
  ASSERT_EQ(created.status, 202) << created.body;
  const auto uuid = nlohmann::json::parse(created.body)["UUID"].get<std::string>();
  EXPECT_EQ(nlohmann::json::parse(created.body)["State"], "Creating");

  auto got = a.call("GET", "/2015-03-31/event-source-mappings/" + uuid);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(nlohmann::json::parse(got.body)["BatchSize"], 5);

  auto updated = a.call("PUT", "/2015-03-31/event-source-mappings/" + uuid, R"({"BatchSize": 7})");
  EXPECT_EQ(updated.status, 202);
  EXPECT_EQ(nlohmann::json::parse(updated.body)["BatchSize"], 7);

  auto listed =
      a.call("GET", "/2015-03-31/event-source-mappings/", "",
             "FunctionName=arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Aenrich");
  EXPECT_EQ(nlohmann::json::parse(listed.body)["EventSourceMappings"].size(), 1u);
  auto other = a.call("GET", "/2015-03-31/event-source-mappings/", "", "FunctionName=other");
  EXPECT_EQ(nlohmann::json::parse(other.body)["EventSourceMappings"].size(), 0u);

  auto deleted = a.call("DELETE", "/2015-03-31/event-source-mappings/" + uuid);
  EXPECT_EQ(deleted.status, 202);
  EXPECT_EQ(nlohmann::json::parse(deleted.body)["State"], "Deleting");
  EXPECT_EQ(a.call("GET", "/2015-03-31/event-source-mappings/" + uuid).status, 404);
}

TEST(LambdaEndpoint, ErrorsInLambdasShape) {
  Api a;
  auto missing = a.call("GET", "/2015-03-31/event-source-mappings/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(header(missing, "x-amzn-ErrorType"), "ResourceNotFoundException");
  EXPECT_EQ(nlohmann::json::parse(missing.body)["Type"], "User");

  auto bad_json = a.call("POST", "/2015-03-31/event-source-mappings/", "{nope");
  EXPECT_EQ(header(bad_json, "x-amzn-ErrorType"), "InvalidRequestContentException");

  auto no_function = a.create_body();
  no_function.replace(no_function.find("\"enrich\""), 8, "\"absent\"");
  auto nf = a.call("POST", "/2015-03-31/event-source-mappings/", no_function);
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nlohmann::json::parse(nf.body)["message"],
            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:absent");

  ASSERT_EQ(a.call("POST", "/2015-03-31/event-source-mappings/", a.create_body()).status, 202);
  auto twice = a.call("POST", "/2015-03-31/event-source-mappings/", a.create_body());
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(header(twice, "x-amzn-ErrorType"), "ResourceConflictException");

  auto bad_max = a.call("GET", "/2015-03-31/event-source-mappings/", "", "MaxItems=0");
  EXPECT_EQ(header(bad_max, "x-amzn-ErrorType"), "ValidationException");

  auto route = a.call("PATCH", "/2015-03-31/event-source-mappings/x");
  EXPECT_EQ(route.status, 404);

  auto unsigned_call = a.call("GET", "/2015-03-31/event-source-mappings/", "", "", false);
  EXPECT_EQ(unsigned_call.status, 403);
  EXPECT_EQ(header(unsigned_call, "x-amzn-ErrorType"), "MissingAuthenticationTokenException");
}

TEST(LambdaEndpoint, ListPagesWithMarkers) {
  Api a;
  for (const char* name : {"a", "b", "c"}) {
    a.handlers.add(std::make_shared<poller::testing::FakeHandler>(name));
    auto body = nlohmann::json::parse(a.create_body());
    body["FunctionName"] = name;
    ASSERT_EQ(a.call("POST", "/2015-03-31/event-source-mappings/", body.dump()).status, 202);
  }
  auto page = nlohmann::json::parse(
      a.call("GET", "/2015-03-31/event-source-mappings/", "", "MaxItems=2").body);
  EXPECT_EQ(page["EventSourceMappings"].size(), 2u);
  const std::string marker = page["NextMarker"];
  auto rest = nlohmann::json::parse(
      a.call("GET", "/2015-03-31/event-source-mappings/", "", "MaxItems=2&Marker=" + marker).body);
  EXPECT_EQ(rest["EventSourceMappings"].size(), 1u);
  EXPECT_FALSE(rest.contains("NextMarker"));
}

}  // namespace
}  // namespace kinesisd::service
