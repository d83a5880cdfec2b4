#include "lambda/handler/process_handler.hpp"

#include <gtest/gtest.h>

namespace kinesisd::handler {
namespace {

Environment env() { return {"http://127.0.0.1:4567", "eu-west-1", "123456789012"}; }

Invocation run(std::vector<std::string> command, std::string_view event = "{}",
               int timeout_ms = 5000) {
  std::atomic<bool> cancel{false};
  ProcessSpec spec;
  spec.command = std::move(command);
  spec.timeout = std::chrono::milliseconds(timeout_ms);
  spec.env["EXTRA"] = "yes";
  return ProcessHandler("p", spec, env()).invoke(event, cancel);
}

TEST(ProcessHandler, TheEventGoesInAndTheResponseComesOut) {
  const auto r = run({"cat"}, R"({"Records":[]})");
  ASSERT_TRUE(r.succeeded()) << r.error;
  EXPECT_EQ(r.payload, R"({"Records":[]})");
}

TEST(ProcessHandler, EmptyOutputIsSuccess) {
  const auto r = run({"sh", "-c", "cat > /dev/null"});
  ASSERT_TRUE(r.succeeded()) << r.error;
  EXPECT_EQ(r.payload, "");
}

TEST(ProcessHandler, LargeEventsDoNotDeadlockThePipes) {
  const std::string big = "\"" + std::string(3 * 1024 * 1024, 'x') + "\"";
  const auto r = run({"cat"}, big);
  ASSERT_TRUE(r.succeeded()) << r.error;
  EXPECT_EQ(r.payload.size(), big.size());
}

TEST(ProcessHandler, FunctionErrors) {
  EXPECT_NE(run({"sh", "-c", "exit 3"}).error.find("status 3"), std::string::npos);
  EXPECT_NE(run({"sh", "-c", "echo not-json"}).error.find("not JSON"), std::string::npos);
  EXPECT_NE(run({"sleep", "5"}, "{}", 100).error.find("timed out"), std::string::npos);
  EXPECT_NE(run({"/no/such/program"}).error.find("cannot run"), std::string::npos);
  EXPECT_FALSE(run({"sh", "-c", "kill -9 $$"}).succeeded());
}

TEST(ProcessHandler, ExitingWithoutReadingTheEventIsNotACrash) {
  const auto r = run({"true"}, std::string(1 << 20, 'x'));
  EXPECT_TRUE(r.succeeded()) << r.error;
}

TEST(ProcessHandler, SetsLambdasEnvironmentAndPointsSdksAtKinesisd) {
  const auto r = run({"sh", "-c",
                      "printf '[\"%s\",\"%s\",\"%s\",\"%s\"]' \"$AWS_LAMBDA_FUNCTION_NAME\" "
                      "\"$AWS_REGION\" \"$AWS_ENDPOINT_URL_KINESIS\" \"$EXTRA\""});
  ASSERT_TRUE(r.succeeded()) << r.error;
  EXPECT_EQ(r.payload, R"(["p","eu-west-1","http://127.0.0.1:4567","yes"])");
}

TEST(ProcessHandler, ACancelledCallIsAbandonedPromptly) {
  std::atomic<bool> cancel{true};
  ProcessSpec spec;
  spec.command = {"sleep", "10"};
  const auto start = std::chrono::steady_clock::now();
  const auto r = ProcessHandler("p", spec, env()).invoke("{}", cancel);
  EXPECT_FALSE(r.succeeded());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace kinesisd::handler
