#include "lambda/handler/runtime_handler.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/storage/temp_dir.hpp"

namespace kinesisd::handler {
namespace {

using nlohmann::json;

// A Python handler served warm by the project's runner: it counts its calls
// at module level and answers as the event asks.
constexpr const char* kModule = R"(import os, sys, time
calls = 0
if os.environ.get("FAIL_IMPORT"):
    raise ImportError("no module named boom")
def handler(event, context):
    global calls
    calls += 1
    what = event.get("do")
    if what == "raise":
        raise ValueError("bad record")
    if what == "exit":
        os._exit(3)
    if what == "sleep":
        time.sleep(5)
    if what == "big":
        return "x" * (7 * 1024 * 1024)
    print("handled", calls)
    return {"calls": calls, "pid": os.getpid(), "request": context.aws_request_id,
            "remaining": context.get_remaining_time_in_millis(),
            "api": os.environ.get("AWS_LAMBDA_RUNTIME_API"), "handler": os.environ.get("_HANDLER"),
            "name": context.function_name, "arn": context.invoked_function_arn}
)";

struct Fixture {
  testing::TempDir dir;
  std::unique_ptr<RuntimeHandler> handler;
  std::atomic<bool> cancel{false};

  explicit Fixture(int timeout_ms = 3000, int idle_ms = 60000, bool fail_import = false) {
    std::ofstream(dir / "counter.py") << kModule;
    RuntimeSpec spec;
    spec.command = {"python3",
                    std::string(KINESISD_SOURCE_DIR) + "/examples/handlers/python/run.py"};
    spec.handler = "counter.handler";
    spec.cwd = dir.path();
    spec.timeout = std::chrono::milliseconds(timeout_ms);
    spec.idle = std::chrono::milliseconds(idle_ms);
    if (fail_import) spec.env["FAIL_IMPORT"] = "1";
    handler = std::make_unique<RuntimeHandler>(
        "counter", spec, Environment{"http://127.0.0.1:4567", "eu-west-1", "123456789012"});
  }
  Invocation call(const json& event) { return handler->invoke(event.dump(), cancel); }
  json ok(const json& event) {
    const auto r = call(event);
    EXPECT_TRUE(r.succeeded()) << r.error;
    return r.succeeded() ? json::parse(r.payload) : json::object();
  }
};

TEST(RuntimeHandler, OneProcessServesInvocationAfterInvocation) {
  Fixture f;
  const auto first = f.ok({{"n", 1}}), second = f.ok({{"n", 2}}), third = f.ok({{"n", 3}});
  EXPECT_EQ(first["calls"], 1);
  EXPECT_EQ(third["calls"], 3);
  EXPECT_EQ(first["pid"], third["pid"]);
  EXPECT_NE(first["request"], second["request"]);
  EXPECT_EQ(first["handler"], "counter.handler");
  EXPECT_EQ(first["name"], "counter");
  EXPECT_EQ(first["arn"], "arn:aws:lambda:eu-west-1:123456789012:function:counter");
  EXPECT_TRUE(first["api"].get<std::string>().starts_with("127.0.0.1:"));
  EXPECT_GT(first["remaining"].get<int>(), 2000);
  EXPECT_LE(first["remaining"].get<int>(), 3000);
  EXPECT_EQ(f.handler->instances(), 1u);
  const auto stats = *f.handler->instance_stats();
  EXPECT_EQ(stats.cold_starts, 1u);
  EXPECT_EQ(stats.warm_invocations, 2u);
  EXPECT_EQ(stats.invocations, 3u);
}

TEST(RuntimeHandler, ConcurrentInvocationsGetAnInstanceEach) {
  Fixture f;
  json a, b;
  std::thread t([&] { a = f.ok({{"do", "nothing"}}); });
  b = f.ok({{"do", "nothing"}});
  t.join();
  EXPECT_EQ(f.handler->instances(), a["pid"] == b["pid"] ? 1u : 2u);
  f.ok(json::object());  // one of them, warm
  EXPECT_LE(f.handler->instance_stats()->cold_starts, 2u);
}

TEST(RuntimeHandler, AnIdleInstanceStopsAndTheNextCallIsAColdStart) {
  Fixture f(3000, 200);
  const auto first = f.ok(json::object());
  for (int i = 0; i < 100 && f.handler->instances() > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(f.handler->instances(), 0u);
  const auto again = f.ok(json::object());
  EXPECT_EQ(again["calls"], 1);
  EXPECT_NE(again["pid"], first["pid"]);
  EXPECT_EQ(f.handler->instance_stats()->cold_starts, 2u);
}

TEST(RuntimeHandler, ARaisedErrorIsAFunctionErrorInLambdasShapeAndTheInstanceStays) {
  Fixture f;
  const auto before = f.ok(json::object());
  const auto r = f.call({{"do", "raise"}});
  ASSERT_FALSE(r.succeeded());
  const auto shape = json::parse(r.error);
  EXPECT_EQ(shape["errorType"], "ValueError");
  EXPECT_EQ(shape["errorMessage"], "bad record");
  EXPECT_TRUE(shape["stackTrace"].is_array());
  const auto after = f.ok(json::object());
  EXPECT_EQ(after["pid"], before["pid"]);
  EXPECT_EQ(after["calls"], 3);
}

TEST(RuntimeHandler, AnExitMidBatchIsAFunctionErrorAndTheNextCallGetsAFreshInstance) {
  Fixture f;
  const auto before = f.ok(json::object());
  const auto r = f.call({{"do", "exit"}});
  ASSERT_FALSE(r.succeeded());
  EXPECT_EQ(r.error, "Runtime exited with error: exit status 3");
  const auto after = f.ok(json::object());
  EXPECT_NE(after["pid"], before["pid"]);
  EXPECT_EQ(after["calls"], 1);
}

TEST(RuntimeHandler, ATimeoutIsAFunctionErrorAndTheInstanceIsReplaced) {
  Fixture f(500);
  const auto before = f.ok(json::object());
  const auto started = std::chrono::steady_clock::now();
  const auto r = f.call({{"do", "sleep"}});
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  ASSERT_FALSE(r.succeeded());
  EXPECT_NE(r.error.find("Task timed out after 0.50 seconds"), std::string::npos) << r.error;
  const auto after = f.ok(json::object());
  EXPECT_NE(after["pid"], before["pid"]);
}

TEST(RuntimeHandler, AnImportThatFailsIsAnInitError) {
  Fixture f(3000, 60000, /*fail_import=*/true);
  const auto r = f.call(json::object());
  ASSERT_FALSE(r.succeeded());
  EXPECT_NE(r.error.find("Runtime.InitError"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("Runtime.ImportModuleError"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("no module named boom"), std::string::npos) << r.error;
}

// Lambda's 6 MB limit on a response (its Runtime API answers 413): the
// invocation is a function error, and the instance serves the next one.
TEST(RuntimeHandler, AResponseOverSixMegabytesIsAFunctionError) {
  Fixture f;
  const auto r = f.call({{"do", "big"}});
  ASSERT_FALSE(r.succeeded());
  EXPECT_NE(r.error.find("Function.ResponseSizeTooLarge"), std::string::npos) << r.error;
  EXPECT_GE(f.ok(json::object())["calls"].get<int>(), 1);  // the instance serves on
}

}  // namespace
}  // namespace kinesisd::handler
