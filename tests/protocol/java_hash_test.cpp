#include "protocol/java_hash.hpp"

#include <gtest/gtest.h>

namespace kinesisd::protocol {
namespace {

TEST(JavaHash, StringsHashTheirUtf16CodeUnits) {
  EXPECT_EQ(java_string_hash(""), 0);
  EXPECT_EQ(java_string_hash("a"), 97);
  EXPECT_EQ(java_string_hash("hello"), 99162322);  // "hello".hashCode()
  // U+1F600 is the surrogate pair D83D DE00 in UTF-16: 31 * 0xD83D + 0xDE00.
  EXPECT_EQ(java_string_hash("\xF0\x9F\x98\x80"), 31 * 0xD83D + 0xDE00);
}

TEST(JavaHash, AnEmptyPutRecordsEntryIsAwsRecordedObject) {
  const auto* entry = Model::kinesis().shape("PutRecordsRequestEntry");
  ASSERT_TRUE(entry);
  EXPECT_EQ(java_object_reference(*entry, nlohmann::json{{"Data", ""}, {"PartitionKey", ""}}),
            "com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310");
  // Another key gives another object.
  EXPECT_NE(java_hash(*entry, {{"Data", ""}, {"PartitionKey", "k"}}),
            java_hash(*entry, {{"Data", ""}, {"PartitionKey", ""}}));
}

}  // namespace
}  // namespace kinesisd::protocol
