// Tags on streams and consumers: the character rules, the 50-tag limit and
// paging of ListTagsForStream (operations/stream_tags.cpp).
#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

json tags(int first, int count) {
  json t = json::object();
  for (int i = first; i < first + count; ++i) {
    std::string key(1, 'k');
    key += std::to_string(100 + i);
    t[key] = "v";
  }
  return t;
}

TEST(StreamTags, AddedListedInKeyOrderAndRemoved) {
  Operations o;
  o.stream("s");
  EXPECT_EQ(o.error(add_tags_to_stream,
                    {{"StreamName", "s"}, {"Tags", {{"team", "a"}, {"env", "ci"}, {"x", ""}}}}),
            "");
  EXPECT_EQ(o.answer(list_tags_for_stream, {{"StreamName", "s"}, {"Limit", 2}}),
            json({{"Tags", {{{"Key", "env"}, {"Value", "ci"}}, {{"Key", "team"}, {"Value", "a"}}}},
                  {"HasMoreTags", true}}));
  EXPECT_EQ(o.answer(list_tags_for_stream, {{"StreamName", "s"}, {"ExclusiveStartTagKey", "team"}}),
            json({{"Tags", {{{"Key", "x"}, {"Value", ""}}}}, {"HasMoreTags", false}}));
  EXPECT_EQ(o.error(remove_tags_from_stream, {{"StreamName", "s"}, {"TagKeys", {"team", "nope"}}}),
            "");
  EXPECT_EQ(o.answer(list_tags_for_stream, {{"StreamName", "s"}}).at("Tags").size(), 2u);
}

TEST(StreamTags, CharactersAwsRefuses) {
  Operations o;
  o.stream("s");
  EXPECT_EQ(o.message(add_tags_to_stream, {{"StreamName", "s"}, {"Tags", {{"a*b", "v"}}}}),
            "Some tags contain invalid characters. Valid characters: Unicode letters, digits, "
            "white space, _ . / = + - % @.");
  EXPECT_EQ(o.message(add_tags_to_stream, {{"StreamName", "s"}, {"Tags", {{"a%b", "v"}}}}),
            "Failed to add tags to stream s under account 000000000000 because some tags "
            "contained illegal characters. The allowed characters are Unicode letters, "
            "white-spaces, '_',',','/','=','+','-','@'.");
  EXPECT_EQ(o.message(remove_tags_from_stream, {{"StreamName", "s"}, {"TagKeys", {"%"}}}),
            "Failed to remove tags from stream s under account 000000000000 because some tags "
            "contained illegal characters. The allowed characters are Unicode letters, "
            "white-spaces, '_',',','/','=','+','-','@'.");
  // Letters of U+00C0..U+1FFF pass; U+2000 (a space mark) does not.
  EXPECT_EQ(
      o.error(add_tags_to_stream, {{"StreamName", "s"}, {"Tags", {{"\xc3\xa9t\xc3\xa9", "ok"}}}}),
      "");
  EXPECT_EQ(o.error(add_tags_to_stream, {{"StreamName", "s"}, {"Tags", {{"\xe2\x80\x80", "v"}}}}),
            "InvalidArgumentException");
  EXPECT_EQ(o.answer(list_tags_for_stream, {{"StreamName", "s"}}).at("Tags").size(), 1u);
}

TEST(StreamTags, FiftyPerResourceCountingOnlyNewKeys) {
  Operations o;
  o.stream("s");
  EXPECT_EQ(o.error(add_tags_to_stream, {{"StreamName", "s"}, {"Tags", tags(0, 10)}}), "");
  EXPECT_EQ(o.error(add_tags_to_stream, {{"StreamName", "s"}, {"Tags", tags(5, 45)}}), "");
  EXPECT_EQ(o.message(add_tags_to_stream, {{"StreamName", "s"}, {"Tags", tags(50, 1)}}),
            "Failed to add tags to stream s under account 000000000000 because a given stream "
            "cannot have more than 50 tags associated with it.");
  // Replacing a value adds no tag.
  EXPECT_EQ(o.error(add_tags_to_stream, {{"StreamName", "s"}, {"Tags", tags(0, 1)}}), "");
}

TEST(StreamTags, ResourceArnsNameStreamsAndConsumers) {
  Operations o;
  const auto arn = o.stream("s")->arn();
  const auto consumer =
      o.answer(register_stream_consumer,
               {{"StreamARN", arn}, {"ConsumerName", "c"}, {"Tags", {{"a", "1"}}}})
          .at("Consumer")
          .at("ConsumerARN")
          .get<std::string>();
  EXPECT_EQ(o.error(tag_resource, {{"ResourceARN", arn}, {"Tags", {{"b", "2"}}}}), "");
  EXPECT_EQ(o.error(tag_resource, {{"ResourceARN", consumer}, {"Tags", {{"c", "3"}}}}), "");
  EXPECT_EQ(o.answer(list_tags_for_resource, {{"ResourceARN", consumer}}),
            json({{"Tags", {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "c"}, {"Value", "3"}}}}}));
  EXPECT_EQ(o.error(untag_resource, {{"ResourceARN", consumer}, {"TagKeys", {"a"}}}), "");
  EXPECT_EQ(o.answer(list_tags_for_resource, {{"ResourceARN", consumer}}).at("Tags").size(), 1u);
  EXPECT_EQ(o.answer(list_tags_for_resource, {{"ResourceARN", arn}}),
            json({{"Tags", {{{"Key", "b"}, {"Value", "2"}}}}}));
  EXPECT_EQ(o.message(tag_resource, {{"ResourceARN", consumer}, {"Tags", {{"%", "x"}}}}),
            "Failed to add tags to consumer c under account 000000000000 because some tags "
            "contained illegal characters. The allowed characters are Unicode letters, "
            "white-spaces, '_',',','/','=','+','-','@'.");
  // Without S3 there are no channels: a channel ARN is not found.
  EXPECT_EQ(o.error(list_tags_for_resource,
                    {{"ResourceARN", "arn:aws:kinesis:us-east-1:000000000000:channel/x"}}),
            "ResourceNotFoundException");
}

}  // namespace
}  // namespace kinesisd::operations
