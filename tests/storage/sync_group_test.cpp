#include "storage/sync_group.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <future>

#include "tests/storage/temp_dir.hpp"

namespace kinesisd::storage {
namespace {

TEST(SyncGroup, CallsBackOnceTheWritesAreSynced) {
  testing::TempDir dir;
  const int fd = ::open((dir / "f").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  SyncGroup group;
  ASSERT_EQ(::write(fd, "x", 1), 1);
  const uint64_t first = group.dirty(fd);
  const uint64_t second = group.dirty(fd);
  EXPECT_GT(second, first);
  std::promise<void> a, b;
  group.when_synced(first, [&] { a.set_value(); });
  group.when_synced(second, [&] { b.set_value(); });
  EXPECT_EQ(a.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(b.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_GE(group.rounds(), 1u);
  // Already synced: called back at once, on the caller's thread.
  bool now = false;
  group.when_synced(first, [&] { now = true; });
  EXPECT_TRUE(now);
  group.retire(fd);
  ::close(fd);
}

TEST(SyncGroup, ManyWaitersShareARound) {
  testing::TempDir dir;
  const int fd = ::open((dir / "f").c_str(), O_RDWR | O_CREAT, 0644);
  SyncGroup group;
  std::atomic<int> done{0};
  std::vector<uint64_t> generations;
  for (int i = 0; i < 100; ++i) generations.push_back(group.dirty(fd));
  for (uint64_t g : generations) group.when_synced(g, [&] { ++done; });
  for (int i = 0; i < 500 && done < 100; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(done.load(), 100);
  EXPECT_LT(group.rounds(), 100u);  // grouped, not one round per write
  group.retire(fd);
  ::close(fd);
}

}  // namespace
}  // namespace kinesisd::storage
