#include "kinesis/log/stream_follower.hpp"

#include <gtest/gtest.h>

#include "kinesis/log/uniform_scaling.hpp"

namespace kinesisd::log {
namespace {

struct Fixture {
  OffsetClock clock;
  StreamStore store{{}, clock};
  std::shared_ptr<Stream> stream = store.create(StreamSpec{"r", "s", 2, {}, true}).stream;
  std::vector<std::pair<std::string, uint64_t>> handed;

  std::shared_ptr<StreamFollower> follow(std::map<std::string, uint64_t> start = {},
                                         std::set<std::string> done = {}) {
    return StreamFollower::follow(store, stream, std::move(start), std::move(done),
                                  [this](std::shared_ptr<Shard> shard, uint64_t position) {
                                    handed.emplace_back(shard->id(), position);
                                  });
  }
  void put(Shard& shard) {
    const NewRecord r{"k", "v"};
    SequenceNumber seq;
    shard.append(clock.now_ms(), {&r, 1}, &seq);
  }
};

TEST(StreamFollower, HandsOverTheShardsThereAtTheirStart) {
  Fixture f;
  f.put(*f.stream->shards()[1]);
  f.put(*f.stream->shards()[1]);
  auto follower = f.follow({{"shardId-000000000000", 0}});
  EXPECT_TRUE(f.handed.empty());  // nothing before start()
  follower->start();
  // Shard 1 has no start position: its trim horizon.
  EXPECT_EQ(f.handed, (std::vector<std::pair<std::string, uint64_t>>{{"shardId-000000000000", 0},
                                                                     {"shardId-000000000001", 0}}));
}

TEST(StreamFollower, ChildrenComeOnceTheirParentsAreDone) {
  Fixture f;
  auto follower = f.follow();
  follower->start();
  f.handed.clear();
  const auto left = f.stream->shards()[0];
  const auto right = f.stream->shards()[1];
  merge(f.store, f.stream, *left, *right, f.clock.now_ms());  // the edit wakes the follower
  EXPECT_TRUE(f.handed.empty());
  follower->done(left->id());
  EXPECT_TRUE(f.handed.empty());  // a merge child waits for both parents
  follower->done(right->id());
  ASSERT_EQ(f.handed.size(), 1u);
  EXPECT_EQ(f.handed[0].first, "shardId-000000000002");
  follower->done(right->id());  // said twice: handed over once
  EXPECT_EQ(f.handed.size(), 1u);
}

TEST(StreamFollower, ShardsAlreadyDoneAreNotHandedOver) {
  Fixture f;
  split(f.store, f.stream, *f.stream->shards()[0], HashKey{1} << 100, f.clock.now_ms());
  auto follower = f.follow({}, {"shardId-000000000000"});
  follower->start();
  std::vector<std::string> ids;
  for (const auto& [id, position] : f.handed) ids.push_back(id);
  EXPECT_EQ(ids, (std::vector<std::string>{"shardId-000000000001", "shardId-000000000002",
                                           "shardId-000000000003"}));
}

TEST(StreamFollower, NothingIsHandedOverAfterStop) {
  Fixture f;
  auto follower = f.follow();
  follower->start();
  f.handed.clear();
  follower->stop();
  split(f.store, f.stream, *f.stream->shards()[0], HashKey{1} << 100, f.clock.now_ms());
  follower->done("shardId-000000000000");
  EXPECT_TRUE(f.handed.empty());
}

}  // namespace
}  // namespace kinesisd::log
