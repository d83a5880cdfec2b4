// Enhanced fan-out consumers: their life cycle, AWS's limits and paging
// (operations/stream_consumers.cpp, operations/consumer_lookup.cpp).
#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

std::string name(int i) {
  std::string s(1, 'c');
  s += std::to_string(10 + i);
  return s;
}

TEST(StreamConsumers, CreatingThenActiveThenDeletingThenGone) {
  Operations o;
  const auto arn = o.stream("s")->arn();
  const auto made = o.answer(register_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", "c"}})
                        .at("Consumer");
  EXPECT_EQ(made.at("ConsumerStatus"), "CREATING");
  const auto consumer = made.at("ConsumerARN").get<std::string>();
  EXPECT_EQ(consumer.rfind(arn + "/consumer/c:", 0), 0u) << consumer;
  o.clock.advance(500);  // --create-stream-ms
  const auto described = o.answer(describe_stream_consumer, {{"ConsumerARN", consumer}});
  EXPECT_EQ(described.at("ConsumerDescription").at("ConsumerStatus"), "ACTIVE");
  EXPECT_EQ(described.at("ConsumerDescription").at("StreamARN"), arn);
  // The name and the stream find the same consumer.
  EXPECT_EQ(o.answer(describe_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", "c"}}),
            described);
  EXPECT_EQ(o.message(register_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", "c"}}),
            "Consumer " + consumer + " under account 000000000000 already exists.");
  EXPECT_EQ(o.error(deregister_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", "c"}}), "");
  EXPECT_EQ(o.answer(describe_stream_consumer, {{"ConsumerARN", consumer}})
                .at("ConsumerDescription")
                .at("ConsumerStatus"),
            "DELETING");
  o.clock.advance(500);  // --delete-stream-ms
  EXPECT_EQ(o.message(describe_stream_consumer, {{"ConsumerARN", consumer}}),
            "Consumer " + consumer + " under account 000000000000 not found.");
  EXPECT_EQ(o.message(describe_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", "c"}}),
            "Consumer c in stream s under account 000000000000 not found.");
  EXPECT_EQ(o.message(describe_stream_consumer, {{"ConsumerName", "c"}}),
            "Either ConsumerARN or both ConsumerName and StreamARN must be provided.");
}

TEST(StreamConsumers, FiveCreatingAtOnceAndTwentyPerStream) {
  Operations o;
  const auto arn = o.stream("s")->arn();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(o.error(register_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", name(i)}}),
              "");
  EXPECT_EQ(o.message(register_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", name(5)}}),
            "Stream s under account 000000000000 already has 5 consumers in CREATING state; "
            "retry when they are ACTIVE.");
  for (int i = 5; i < 20; ++i) {
    if (i % 5 == 0) o.clock.advance(500);
    EXPECT_EQ(o.error(register_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", name(i)}}),
              "");
  }
  o.clock.advance(500);
  EXPECT_EQ(o.message(register_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", name(20)}}),
            "Stream s under account 000000000000 already has 20 registered consumers, the "
            "maximum per stream.");
}

TEST(StreamConsumers, ListedInPagesByName) {
  Operations o;
  const auto stream = o.stream("s");
  const auto arn = stream->arn();
  for (int i = 0; i < 3; ++i)
    o.call(register_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", name(2 - i)}});
  const auto first = o.answer(list_stream_consumers, {{"StreamARN", arn}, {"MaxResults", 2}});
  ASSERT_EQ(first.at("Consumers").size(), 2u);
  EXPECT_EQ(first.at("Consumers")[0].at("ConsumerName"), name(0));
  EXPECT_EQ(first.at("Consumers")[1].at("ConsumerName"), name(1));
  const auto rest =
      o.answer(list_stream_consumers, {{"StreamARN", arn}, {"NextToken", first.at("NextToken")}});
  ASSERT_EQ(rest.at("Consumers").size(), 1u);
  EXPECT_EQ(rest.at("Consumers")[0].at("ConsumerName"), name(2));
  EXPECT_FALSE(rest.contains("NextToken"));
  EXPECT_EQ(o.message(list_stream_consumers, {{"StreamARN", arn}, {"NextToken", "garbage"}}),
            "Invalid NextToken.");
  // A creation time other than the stream's names another (deleted) stream.
  EXPECT_EQ(o.message(list_stream_consumers,
                      {{"StreamARN", arn},
                       {"StreamCreationTimestamp", stream->created_ms() / 1000.0 - 10}}),
            "Stream s under account 000000000000 not found.");
  o.clock.advance(5 * 60 * 1000 + 1);  // past a page token's life
  EXPECT_EQ(
      o.error(list_stream_consumers, {{"StreamARN", arn}, {"NextToken", first.at("NextToken")}}),
      "ExpiredNextTokenException");
}

}  // namespace
}  // namespace kinesisd::operations
