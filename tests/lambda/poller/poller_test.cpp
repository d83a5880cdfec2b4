#include "lambda/poller/poller.hpp"

#include <gtest/gtest.h>

#include "tests/lambda/poller/fake_handler.hpp"

namespace kinesisd::poller {
namespace {

TEST(Poller, KeepsMappingsInCreationOrderAndRemovesThem) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  auto stream = testing::make_stream(store, "s", 1);
  handler::HandlerRegistry handlers({"http://127.0.0.1:1", "us-east-1", "000000000000"});
  handlers.add(std::make_shared<testing::FakeHandler>("a"));
  handlers.add(std::make_shared<testing::FakeHandler>("b"));
  Poller poller(store, handlers);
  const auto config = testing::config_of(
      {{"EventSourceArn", stream->arn()}, {"FunctionName", "a"}, {"StartingPosition", "LATEST"}},
      clock.now_ms());
  auto first = poller.add("us-east-1", "", config, *handlers.find("a"));
  auto second = poller.add("us-east-1", "", config, *handlers.find("b"));
  auto theirs = poller.add("us-east-1", "111122223333", config, *handlers.find("b"));
  ASSERT_EQ(poller.list().size(), 3u);
  EXPECT_EQ(poller.list()[0], first);
  EXPECT_EQ(poller.find(second->uuid()), second);
  EXPECT_EQ(second->account(), "000000000000");
  EXPECT_EQ(poller.find_same("000000000000", stream->arn(), "b"), second);
  EXPECT_EQ(poller.find_same("111122223333", stream->arn(), "b"), theirs);
  EXPECT_EQ(theirs->arn().find("arn:aws:lambda:us-east-1:111122223333:event-source-mapping:"), 0u);
  EXPECT_EQ(poller.find_same("000000000000", stream->arn(), "c"), nullptr);
  EXPECT_EQ(poller.remove(theirs->uuid()), theirs);
  EXPECT_EQ(poller.remove(first->uuid()), first);
  EXPECT_EQ(poller.remove(first->uuid()), nullptr);
  EXPECT_EQ(poller.list().size(), 1u);
  poller.stop();
  poller.stop();  // idempotent
}

}  // namespace
}  // namespace kinesisd::poller
