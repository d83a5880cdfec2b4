#include "storage/segment_format.hpp"

#include <gtest/gtest.h>

namespace kinesisd::storage {
namespace {

TEST(SegmentFormat, AFrameRoundTrips) {
  std::string out;
  encode_frame(out, Frame{7, 1000, true, "pk", "data"});
  Frame back;
  size_t size = 0;
  ASSERT_EQ(decode_frame(out, back, size), FrameStatus::kOk);
  EXPECT_EQ(size, out.size());
  EXPECT_EQ((std::pair{back.position, back.arrival_ms}), (std::pair<uint64_t, int64_t>{7, 1000}));
  EXPECT_TRUE(back.encrypted);
  EXPECT_EQ(back.partition_key, "pk");
  EXPECT_EQ(back.data, "data");
}

// An AUTO stream's record put without a key has an empty view with no
// storage behind it; so may an empty blob. (UBSan caught a memcpy from null.)
TEST(SegmentFormat, EmptyViewsWithoutStorageAreWritten) {
  std::string out;
  encode_frame(out, Frame{1, 2, false, std::string_view(), std::string_view()});
  Frame back;
  size_t size = 0;
  ASSERT_EQ(decode_frame(out, back, size), FrameStatus::kOk);
  EXPECT_TRUE(back.partition_key.empty());
  EXPECT_TRUE(back.data.empty());
}

}  // namespace
}  // namespace kinesisd::storage
