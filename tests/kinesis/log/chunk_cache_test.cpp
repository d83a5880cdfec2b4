#include "kinesis/log/chunk_cache.hpp"

#include <gtest/gtest.h>

namespace kinesisd::log {
namespace {

std::shared_ptr<const ChunkData> chunk(size_t bytes) {
  auto c = std::make_shared<ChunkData>();
  c->bytes.assign(bytes, 'x');
  return c;
}

TEST(ChunkCache, EvictsTheLeastRecentlyUsedPastItsBudget) {
  ChunkCache cache(3000);
  int owner = 0;
  cache.insert({&owner, 0}, chunk(1000));
  cache.insert({&owner, 1}, chunk(1000));
  EXPECT_TRUE(cache.get({&owner, 0}));  // now the most recent
  cache.insert({&owner, 2}, chunk(1000));
  EXPECT_LE(cache.bytes(), 3000u);
  EXPECT_TRUE(cache.get({&owner, 0}));
  EXPECT_FALSE(cache.get({&owner, 1}));  // the least recently used went
  EXPECT_TRUE(cache.get({&owner, 2}));
  cache.forget({&owner, 2});
  EXPECT_FALSE(cache.get({&owner, 2}));
}

TEST(ChunkCache, AReaderKeepsAnEvictedChunkAlive) {
  ChunkCache cache(1500);
  int owner = 0;
  cache.insert({&owner, 0}, chunk(1000));
  auto held = cache.get({&owner, 0});
  cache.insert({&owner, 1}, chunk(1000));  // evicts chunk 0
  EXPECT_FALSE(cache.get({&owner, 0}));
  EXPECT_EQ(held->bytes.size(), 1000u);  // still readable by whoever holds it
}

}  // namespace
}  // namespace kinesisd::log
