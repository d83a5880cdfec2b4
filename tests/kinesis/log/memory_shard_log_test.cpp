#include "kinesis/log/memory_shard_log.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kinesisd::log {

namespace {

// One record appended; its position (or ~0 if the log refused it).
uint64_t append(ShardLog& log, int64_t arrival_ms, const std::string& key,
                const std::string& data) {
  const uint64_t position = log.end();
  const NewRecord r{key, data, false};
  return log.append(arrival_ms, {&r, 1}) == AppendStatus::kOk ? position : ~uint64_t{0};
}

std::vector<std::string> read_from(const ShardLog& log, uint64_t from, uint64_t limit = 1'000'000,
                                  uint64_t max_bytes = ~0ull) {
  std::vector<std::string> out;
  log.read(from, limit, max_bytes, [&](const RecordView& r) {
    out.emplace_back(r.data);
    return true;
  });
  return out;
}
}  // namespace

TEST(MemoryShardLog, AppendsAndReadsAcrossSegments) {
  MemoryShardLog log;
  const uint64_t n = MemoryShardLog::kSegmentRecords * 3 + 5;
  for (uint64_t i = 0; i < n; ++i)
    EXPECT_EQ(append(log, static_cast<int64_t>(i), "pk" + std::to_string(i), std::to_string(i)), i);
  EXPECT_EQ(log.begin(), 0u);
  EXPECT_EQ(log.end(), n);
  auto tail = read_from(log, n - 3);
  EXPECT_EQ(tail, (std::vector<std::string>{std::to_string(n - 3), std::to_string(n - 2),
                                            std::to_string(n - 1)}));
  auto some = read_from(log, 1020, 10);
  ASSERT_EQ(some.size(), 10u);
  EXPECT_EQ(some.front(), "1020");
  EXPECT_EQ(some.back(), "1029");
}

TEST(MemoryShardLog, ReadStopsAtTheByteBudgetButAlwaysReturnsOne) {
  MemoryShardLog log;
  for (int i = 0; i < 4; ++i) append(log, 0, "k", std::string(100, 'x'));
  EXPECT_EQ(read_from(log, 0, 10, 250).size(), 2u);  // 101 + 101 <= 250 < 303
  EXPECT_EQ(read_from(log, 0, 10, 1).size(), 1u);
}

TEST(MemoryShardLog, FindsTimestampsByBinarySearch) {
  MemoryShardLog log;
  for (int64_t i = 0; i < 5000; ++i) append(log, i * 10, "k", "v");
  EXPECT_EQ(log.lower_bound_time(0), 0u);
  EXPECT_EQ(log.lower_bound_time(15), 2u);
  EXPECT_EQ(log.lower_bound_time(20), 2u);
  EXPECT_EQ(log.lower_bound_time(49990), 4999u);
  EXPECT_EQ(log.lower_bound_time(50000), 5000u);
}

TEST(MemoryShardLog, TrimDropsWholeSealedSegmentsAndKeepsPositions) {
  MemoryShardLog log;
  const uint64_t seg = MemoryShardLog::kSegmentRecords;
  for (uint64_t i = 0; i < seg * 2 + 10; ++i) append(log, static_cast<int64_t>(i), "k", "v");
  const uint64_t before = log.memory_bytes();
  log.trim_before(static_cast<int64_t>(seg + 5));  // first segment is wholly older
  EXPECT_EQ(log.begin(), seg);
  EXPECT_LT(log.memory_bytes(), before);
  EXPECT_EQ(read_from(log, 0, 1).front(), std::to_string(0).replace(0, 1, "v"));
  log.trim_before(1'000'000);  // the open last segment stays
  EXPECT_EQ(log.begin(), seg * 2);
  EXPECT_EQ(append(log, 2'000'000, "k", "new"), seg * 2 + 10);
}

TEST(MemoryShardLog, TrimOfAFullLastSegmentLeavesAnEmptyLogThatKeepsCounting) {
  MemoryShardLog log;
  const uint64_t seg = MemoryShardLog::kSegmentRecords;
  for (uint64_t i = 0; i < seg; ++i) append(log, 1, "k", "v");
  log.trim_before(2);
  EXPECT_EQ(log.begin(), seg);
  EXPECT_EQ(log.end(), seg);
  EXPECT_EQ(append(log, 3, "k", "next"), seg);
  EXPECT_EQ(read_from(log, 0), (std::vector<std::string>{"next"}));
  EXPECT_EQ(log.arrival_ms(seg), 3);
}

TEST(MemoryShardLog, StoresA100ByteRecordInUnder200Bytes) {
  MemoryShardLog log;
  const int n = 100'000;
  for (int i = 0; i < n; ++i)
    append(log, i, "partition-key-" + std::to_string(i % 100), std::string(100, 'd'));
  EXPECT_LT(log.memory_bytes() / n, 200u);
}

}  // namespace kinesisd::log
