#include "lambda/poller/tumbling_window.hpp"

#include <gtest/gtest.h>

namespace kinesisd::poller {
namespace {

const BatchOrigin kOrigin{"shardId-000000000006", "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                          "us-east-1", "arn:aws:iam::000000000000:role/r"};

TEST(TumblingWindow, WindowsAreEpochAlignedMultiplesOfTheirSize) {
  TumblingWindow w(120);
  // 2020-12-09T07:05:15.500Z falls in [07:04:00, 07:06:00).
  EXPECT_EQ(w.start_of(1607497515500), 1607497440000);
  EXPECT_EQ(w.start_of(1607497440000), 1607497440000);
  EXPECT_EQ(w.start_of(1607497439999), 1607497320000);
}

TEST(TumblingWindow, TheEventCarriesTheWindowItsStateAndTheFlags) {
  TumblingWindow w(120);
  w.begin(1607497440000);
  ASSERT_TRUE(w.take_answer(R"({"state": {"1": 282, "2": 715}})"));
  const PolledRecord r{0, "49590338271490256608559692538361571095921575989136588898", "1",
                       "Hello, this is a test.", 1607497475000, false};
  const auto event = nlohmann::json::parse(w.event(kOrigin, std::span(&r, 1), false));
  EXPECT_EQ(event["Records"].size(), 1u);
  EXPECT_EQ(event["window"], (nlohmann::json{{"start", "2020-12-09T07:04:00Z"},
                                             {"end", "2020-12-09T07:06:00Z"}}));
  EXPECT_EQ(event["state"], (nlohmann::json{{"1", 282}, {"2", 715}}));
  EXPECT_EQ(event["shardId"], "shardId-000000000006");
  EXPECT_EQ(event["eventSourceARN"], kOrigin.stream_arn);
  EXPECT_EQ(event["isFinalInvokeForWindow"], false);
  EXPECT_EQ(event["isWindowTerminatedEarly"], false);
  const auto last = nlohmann::json::parse(w.event(kOrigin, {}, true));
  EXPECT_EQ(last["Records"], nlohmann::json::array());
  EXPECT_EQ(last["isFinalInvokeForWindow"], true);
}

TEST(TumblingWindow, AnAnswerWithoutStateIsRefused) {
  TumblingWindow w(60);
  w.begin(0);
  for (const char* bad : {"", "null", "{}", R"({"state": 5})", R"({"batchItemFailures": []})"})
    EXPECT_FALSE(w.take_answer(bad)) << bad;
  EXPECT_TRUE(w.take_answer(R"({"state": {}, "batchItemFailures": []})"));
}

TEST(TumblingWindow, AStateOverOneMegabyteEndsTheWindowEarly) {
  TumblingWindow w(60);
  w.begin(60000);
  const std::string big(kMaxWindowStateBytes, 'x');
  ASSERT_TRUE(w.take_answer(nlohmann::json{{"state", {{"k", big}}}}.dump()));
  EXPECT_TRUE(w.over_limit());
  EXPECT_EQ(nlohmann::json::parse(w.event(kOrigin, {}, true))["isWindowTerminatedEarly"], true);
  w.finish();  // ended early: the same window goes on, with an empty state
  EXPECT_TRUE(w.open());
  EXPECT_EQ(w.start_ms(), 60000);
  EXPECT_EQ(w.state(), nlohmann::json::object());
  w.finish();  // over: closed
  EXPECT_FALSE(w.open());
}

}  // namespace
}  // namespace kinesisd::poller
