#include "kinesis/log/disk_shard_log.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>

#include <filesystem>
#include <fstream>

#include "storage/segment_format.hpp"
#include "tests/storage/temp_dir.hpp"

namespace kinesisd::log {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  testing::TempDir dir;
  ChunkCache cache{64ull << 20};

  std::unique_ptr<DiskShardLog> open(uint64_t segment_bytes = 64ull << 20) {
    DiskLogSettings s;
    s.directory = dir / "shard";
    s.id = ShardLogId{"us-east-1", "s", 1, 0};
    s.cache = &cache;
    s.segment_bytes = segment_bytes;
    return std::make_unique<DiskShardLog>(std::move(s));
  }
  std::vector<std::string> segments() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir / "shard"))
      out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

void put(ShardLog& log, int64_t arrival, const std::string& key, const std::string& data) {
  const NewRecord r{key, data, false};
  ASSERT_EQ(log.append(arrival, {&r, 1}), AppendStatus::kOk);
}

std::vector<std::string> read_all(const ShardLog& log, uint64_t from = 0,
                                  uint64_t limit = 1'000'000) {
  std::vector<std::string> out;
  log.read(from, limit, ~0ull, [&](const RecordView& r) {
    out.emplace_back(r.data);
    return true;
  });
  return out;
}

std::string n(uint64_t i) { return std::to_string(i); }

TEST(DiskShardLog, AppendsReadsAndComesBackAfterAReopen) {
  Fixture f;
  const uint64_t count = DiskShardLog::kChunkRecords * 2 + 10;  // several chunks
  {
    auto log = f.open(16 << 10);  // small segments: several files too
    for (uint64_t i = 0; i < count; ++i) put(*log, static_cast<int64_t>(i), "k", n(i));
    EXPECT_EQ(log->end(), count);
    EXPECT_EQ(read_all(*log, count - 2), (std::vector<std::string>{n(count - 2), n(count - 1)}));
  }
  EXPECT_GT(f.segments().size(), 3u);
  auto log = f.open(16 << 10);
  EXPECT_EQ(log->recovery().records, count);
  EXPECT_TRUE(log->recovery().problems.empty());
  EXPECT_EQ(log->begin(), 0u);
  EXPECT_EQ(log->end(), count);
  EXPECT_EQ(log->last_arrival_ms(), static_cast<int64_t>(count - 1));
  const auto all = read_all(*log);
  ASSERT_EQ(all.size(), count);
  for (uint64_t i = 0; i < count; ++i) ASSERT_EQ(all[i], n(i));
  EXPECT_EQ(log->lower_bound_time(1500), 1500u);
  EXPECT_EQ(log->arrival_ms(1234), 1234);
  put(*log, 1'000'000, "k", "after");  // positions go on
  EXPECT_EQ(read_all(*log, count), std::vector<std::string>{"after"});
}

TEST(DiskShardLog, ATornTailIsCutAndLogged) {
  Fixture f;
  {
    auto log = f.open();
    for (int i = 0; i < 10; ++i) put(*log, i, "k", n(i));
  }
  const auto file = f.dir / ("shard/" + f.segments().front());
  fs::resize_file(file, fs::file_size(file) - 5);  // the last frame loses its end
  auto log = f.open();
  EXPECT_EQ(log->end(), 9u);
  EXPECT_EQ(log->recovery().problems.size(), 1u);
  EXPECT_GT(log->recovery().dropped_bytes, 0u);
  EXPECT_EQ(read_all(*log).size(), 9u);
  put(*log, 100, "k", "next");  // appended where the whole frames end
  auto again = (log.reset(), f.open());
  EXPECT_TRUE(again->recovery().problems.empty());
  EXPECT_EQ(read_all(*again).back(), "next");
  EXPECT_EQ(again->end(), 10u);
}

TEST(DiskShardLog, ACorruptOlderSegmentLosesItsRestAndTheLaterOnesStay) {
  Fixture f;
  {
    auto log = f.open(512);  // a new segment every few records
    for (int i = 0; i < 40; ++i) put(*log, i, "k", std::string(40, 'a' + i % 26));
  }
  const auto segs = f.segments();
  ASSERT_GT(segs.size(), 3u);
  const auto second = f.dir / ("shard/" + segs[1]);
  {
    std::fstream io(second, std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(static_cast<std::streamoff>(storage::kSegmentHeader + 30));  // inside its first frame
    io.put('!');
  }
  auto log = f.open(512);
  ASSERT_FALSE(log->recovery().problems.empty());
  EXPECT_EQ(log->end(), 40u);  // the newest segments are whole
  const auto all = read_all(*log);
  EXPECT_LT(all.size(), 40u);
  EXPECT_EQ(all.back(), std::string(40, 'a' + 39 % 26));
  // Everything before the corrupt frame is served, in order, and reads skip the gap.
  const uint64_t second_first = std::stoull(segs[1].substr(0, 20));
  EXPECT_EQ(read_all(*log, 0, second_first).size(), second_first);
}

TEST(DiskShardLog, RetentionDeletesWholeSegments) {
  Fixture f;
  auto log = f.open(512);
  for (int i = 0; i < 40; ++i) put(*log, i, "k", std::string(40, 'x'));
  const size_t before = f.segments().size();
  log->trim_before(20);
  EXPECT_LT(f.segments().size(), before);
  EXPECT_GT(log->begin(), 0u);
  EXPECT_LE(log->begin(), 20u);
  EXPECT_EQ(read_all(*log).size(), 40 - log->begin());
  log->trim_before(1000);  // everything: the directory empties, positions go on
  EXPECT_EQ(log->begin(), 40u);
  put(*log, 2000, "k", "new");
  EXPECT_EQ(read_all(*log), std::vector<std::string>{"new"});
}

TEST(DiskShardLog, ChunksEvictedFromTheCacheAreReadBack) {
  testing::TempDir dir;
  ChunkCache cache(300 << 10);  // about one chunk of 256 KiB
  DiskLogSettings s;
  s.directory = dir / "shard";
  s.id = ShardLogId{"us-east-1", "s", 1, 0};
  s.cache = &cache;
  DiskShardLog log(std::move(s));
  const std::string data(1000, 'd');
  for (int i = 0; i < 3000; ++i) put(log, i, "k", data);  // ~3 MB: far over the cache
  EXPECT_LE(cache.bytes(), 600u << 10);
  EXPECT_EQ(read_all(log).size(), 3000u);  // every chunk read back from its file
  EXPECT_LE(cache.bytes(), 600u << 10);
}

TEST(DiskShardLog, AFailedWriteIsAFailedAppendNotACrash) {
  // A file size limit makes the write fail (EFBIG) as a full disk would.
  Fixture f;
  auto log = f.open();
  put(*log, 1, "k", "ok");
  struct rlimit old {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto previous = ::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const std::string big(8192, 'x');
  const NewRecord r{"k", big, false};
  const auto status = log->append(2, {&r, 1});
  ::setrlimit(RLIMIT_FSIZE, &old);
  ::signal(SIGXFSZ, previous);
  EXPECT_EQ(status, AppendStatus::kFailed);
  EXPECT_EQ(log->end(), 1u);   // nothing of it counted
  put(*log, 3, "k", "after");  // and the log goes on
  auto again = (log.reset(), f.open());
  EXPECT_TRUE(again->recovery().problems.empty());
  EXPECT_EQ(read_all(*again), (std::vector<std::string>{"ok", "after"}));
}

}  // namespace
}  // namespace kinesisd::log
