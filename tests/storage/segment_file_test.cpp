#include "storage/segment_file.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/storage/temp_dir.hpp"

namespace kinesisd::storage {
namespace {

std::string frames(uint64_t first, int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    encode_frame(out, {first + i, 1000 + i, i % 2 == 1, "key", "data-" + std::to_string(i)});
  return out;
}

std::vector<uint64_t> positions(const SegmentFile& f, SegmentFile::Scan* scan = nullptr) {
  std::vector<uint64_t> out;
  auto s = f.scan([&](const Frame& frame, uint64_t, size_t) { out.push_back(frame.position); });
  if (scan) *scan = s;
  return out;
}

TEST(SegmentFormat, FramesRoundTrip) {
  std::string bytes;
  encode_frame(bytes, {7, 1234, true, "pk", std::string("\0\1", 2)});
  ASSERT_EQ(bytes.size(), frame_size(2, 2));
  Frame f;
  size_t size = 0;
  ASSERT_EQ(decode_frame(bytes, f, size), FrameStatus::kOk);
  EXPECT_EQ(size, bytes.size());
  EXPECT_EQ(f.position, 7u);
  EXPECT_EQ(f.arrival_ms, 1234);
  EXPECT_TRUE(f.encrypted);
  EXPECT_EQ(f.partition_key, "pk");
  EXPECT_EQ(f.data, std::string("\0\1", 2));
  EXPECT_EQ(decode_frame(std::string_view(bytes).substr(0, bytes.size() - 1), f, size),
            FrameStatus::kIncomplete);
  for (size_t i = 0; i < bytes.size(); ++i) {  // every flipped byte is caught
    std::string bad = bytes;
    bad[i] ^= 0x20;
    EXPECT_NE(decode_frame(bad, f, size), FrameStatus::kOk) << i;
  }
}

TEST(SegmentFile, WritesAHeaderAndScansItsFramesBack) {
  testing::TempDir dir;
  const auto path = dir / segment_name(100);
  EXPECT_EQ(segment_name(100), "00000000000000000100.seg");
  {
    auto f = SegmentFile::create(path, {3, 9, 100});
    ASSERT_TRUE(f->append(frames(100, 5)));
  }
  std::string why;
  auto f = SegmentFile::open(path, &why);
  ASSERT_TRUE(f) << why;
  EXPECT_EQ(f->header().shard_index, 3u);
  EXPECT_EQ(f->header().stream_id, 9u);
  SegmentFile::Scan scan;
  EXPECT_EQ(positions(*f, &scan), (std::vector<uint64_t>{100, 101, 102, 103, 104}));
  EXPECT_EQ(scan.problem, "");
  EXPECT_EQ(scan.good_end, f->size());
}

TEST(SegmentFile, AScanStopsAtATornTailAndAtACorruptFrame) {
  testing::TempDir dir;
  const auto path = dir / segment_name(0);
  const std::string bytes = frames(0, 4);
  {
    auto f = SegmentFile::create(path, {0, 1, 0});
    f->append(bytes);
    f->truncate(f->size() - 3);  // the last frame cut short
  }
  auto f = SegmentFile::open(path, nullptr);
  SegmentFile::Scan scan;
  EXPECT_EQ(positions(*f, &scan).size(), 3u);
  EXPECT_NE(scan.problem.find("torn"), std::string::npos) << scan.problem;

  // A byte flipped inside the second frame: only the first survives.
  {
    std::fstream io(path, std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(static_cast<std::streamoff>(kSegmentHeader + frame_size(3, 6) + 12));
    io.put('X');
  }
  f = SegmentFile::open(path, nullptr);
  EXPECT_EQ(positions(*f, &scan).size(), 1u);
  EXPECT_NE(scan.problem.find("checksum"), std::string::npos) << scan.problem;
  EXPECT_EQ(scan.good_end, kSegmentHeader + frame_size(3, 6));
}

TEST(SegmentFile, AFileThatIsNotASegmentIsRefused) {
  testing::TempDir dir;
  std::ofstream(dir / "x.seg") << "hello, this is not a segment at all";
  std::string why;
  EXPECT_FALSE(SegmentFile::open(dir / "x.seg", &why));
  EXPECT_NE(why.find("not a kinesisd segment"), std::string::npos);
}

}  // namespace
}  // namespace kinesisd::storage
