// Tags on delivery streams (firehose/operations/delivery_tags.cpp): 50 at
// most, counting only new keys; listed in key order and paged.
#include <gtest/gtest.h>

#include "tests/firehose/operations/firehose_testing.hpp"

namespace kinesisd::firehose {
namespace {

using testing::error_type;
using testing::Firehose;

json tags(int first, int count) {
  json t = json::array();
  for (int i = first; i < first + count; ++i) {
    std::string key(1, 'k');
    key += std::to_string(100 + i);
    t.push_back({{"Key", key}, {"Value", "v"}});
  }
  return t;
}

TEST(DeliveryTags, AddedListedInPagesAndRemoved) {
  Firehose f;
  testing::make_active(f, "d");
  ASSERT_TRUE(
      f.call(tag_delivery_stream, {{"DeliveryStreamName", "d"},
                                   {"Tags", {{{"Key", "team"}, {"Value", "a"}}, {{"Key", "env"}}}}})
          .ok());
  const auto first =
      f.call(list_tags_for_delivery_stream, {{"DeliveryStreamName", "d"}, {"Limit", 1}});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value().doc,
            json({{"Tags", {{{"Key", "env"}, {"Value", ""}}}}, {"HasMoreTags", true}}));
  const auto rest = f.call(list_tags_for_delivery_stream,
                           {{"DeliveryStreamName", "d"}, {"ExclusiveStartTagKey", "env"}});
  EXPECT_EQ(rest.value().doc,
            json({{"Tags", {{{"Key", "team"}, {"Value", "a"}}}}, {"HasMoreTags", false}}));
  ASSERT_TRUE(
      f.call(untag_delivery_stream, {{"DeliveryStreamName", "d"}, {"TagKeys", {"env"}}}).ok());
  EXPECT_EQ(f.call(list_tags_for_delivery_stream, {{"DeliveryStreamName", "d"}})
                .value()
                .doc.at("Tags")
                .size(),
            1u);
}

TEST(DeliveryTags, FiftyAtMost) {
  Firehose f;
  testing::make_active(f, "d");
  ASSERT_TRUE(
      f.call(tag_delivery_stream, {{"DeliveryStreamName", "d"}, {"Tags", tags(0, 50)}}).ok());
  ASSERT_TRUE(
      f.call(tag_delivery_stream, {{"DeliveryStreamName", "d"}, {"Tags", tags(10, 5)}}).ok());
  const auto over =
      f.call(tag_delivery_stream, {{"DeliveryStreamName", "d"}, {"Tags", tags(50, 1)}});
  EXPECT_EQ(error_type(over), "LimitExceededException");
  EXPECT_EQ(over.error().message, "A delivery stream cannot have more than 50 tags.");
  EXPECT_EQ(error_type(f.call(tag_delivery_stream,
                              {{"DeliveryStreamName", "none"}, {"Tags", tags(0, 1)}})),
            "ResourceNotFoundException");
}

}  // namespace
}  // namespace kinesisd::firehose
