#include "lambda/mappings/event_source_mappings.hpp"

#include <gtest/gtest.h>

#include "tests/lambda/poller/fake_handler.hpp"

namespace kinesisd::lambda {
namespace {

TEST(EventSourceMappings, FunctionNamesAndArnsNameAHandler) {
  EXPECT_EQ(handler_name_of("enrich"), "enrich");
  EXPECT_EQ(handler_name_of("enrich:$LATEST"), "enrich");
  EXPECT_EQ(handler_name_of("arn:aws:lambda:us-east-1:000000000000:function:enrich"), "enrich");
  EXPECT_EQ(handler_name_of("arn:aws:lambda:us-east-1:000000000000:function:enrich:prod"),
            "enrich");
  EXPECT_EQ(handler_name_of("000000000000:function:enrich"), "enrich");
}

TEST(EventSourceMappings, CreateRefusesAMissingStream) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  handler::HandlerRegistry handlers({"http://127.0.0.1:1", "us-east-1", "000000000000"});
  handlers.add(std::make_shared<poller::testing::FakeHandler>("enrich"));
  poller::Poller poller(store, handlers);
  Context ctx{poller, "us-east-1", clock.now_ms()};
  auto out = create_event_source_mapping(
      ctx, {{"EventSourceArn", "arn:aws:kinesis:us-east-1:000000000000:stream/none"},
            {"FunctionName", "enrich"},
            {"StartingPosition", "LATEST"}});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().type, "InvalidParameterValueException");
  EXPECT_EQ(out.error().message,
            "Stream not found: arn:aws:kinesis:us-east-1:000000000000:stream/none");
}

TEST(EventSourceMappings, UpdateCanMoveAMappingToAnotherHandler) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  auto stream = poller::testing::make_stream(store, "s", 1);
  handler::HandlerRegistry handlers({"http://127.0.0.1:1", "us-east-1", "000000000000"});
  handlers.add(std::make_shared<poller::testing::FakeHandler>("a"));
  handlers.add(std::make_shared<poller::testing::FakeHandler>("b"));
  poller::Poller poller(store, handlers);
  Context ctx{poller, "us-east-1", clock.now_ms()};
  auto created = create_event_source_mapping(
      ctx,
      {{"EventSourceArn", stream->arn()}, {"FunctionName", "a"}, {"StartingPosition", "LATEST"}});
  ASSERT_TRUE(created.ok());
  const std::string uuid = created.value()["UUID"];
  auto updated = update_event_source_mapping(ctx, uuid, {{"FunctionName", "b"}});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated.value()["FunctionArn"], "arn:aws:lambda:us-east-1:000000000000:function:b");
  auto missing = update_event_source_mapping(ctx, uuid, {{"FunctionName", "zzz"}});
  EXPECT_EQ(missing.error().type, "ResourceNotFoundException");
  EXPECT_EQ(delete_event_source_mapping(ctx, "no-such-uuid").error().status, 404);
}

}  // namespace
}  // namespace kinesisd::lambda
