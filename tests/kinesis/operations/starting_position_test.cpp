#include "kinesis/operations/starting_position.hpp"

#include <gtest/gtest.h>

namespace kinesisd::operations {
namespace {

struct Shard2 {
  log::OffsetClock clock;
  log::StreamStore store{{}, clock};
  protocol::SignedToken signer;
  Context ctx{store, signer, "r"};
  std::shared_ptr<log::Stream> stream = store.create(log::StreamSpec{"r", "s", 2, {}, true}).stream;
  log::Shard& shard = *stream->shards()[0];
  std::vector<log::SequenceNumber> put(int n) {
    std::vector<log::SequenceNumber> out;
    for (int i = 0; i < n; ++i) {
      const log::NewRecord r{"k", "v"};
      log::SequenceNumber seq;
      EXPECT_EQ(shard.append(clock.now_ms(), {&r, 1}, &seq), log::AppendStatus::kOk);
      out.push_back(seq);
    }
    ctx.now_ms = clock.now_ms();
    return out;
  }
  protocol::Outcome<uint64_t> at(StartingPosition p) {
    return resolve_position(ctx, *stream, shard, p, "GetShardIterator");
  }
};

TEST(StartingPosition, EachTypeStartsWhereAwsSays) {
  Shard2 s;
  const auto seqs = s.put(3);
  EXPECT_EQ(s.at({"TRIM_HORIZON", {}, {}}).value(), s.shard.trim_horizon(0));
  EXPECT_EQ(s.at({"LATEST", {}, {}}).value(), s.shard.latest());
  const uint64_t second = log::Shard::position_of(seqs[1]);
  EXPECT_EQ(s.at({"AT_SEQUENCE_NUMBER", seqs[1].to_string(), {}}).value(), second);
  EXPECT_EQ(s.at({"AFTER_SEQUENCE_NUMBER", seqs[1].to_string(), {}}).value(), second + 1);
}

TEST(StartingPosition, RefusesWhatAwsRefuses) {
  Shard2 s;
  const auto seqs = s.put(1);
  auto e = s.at({"AT_SEQUENCE_NUMBER", {}, {}});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().type, "InvalidArgumentException");
  EXPECT_NE(e.error().message.find("Request specified AT_SEQUENCE_NUMBER and no "
                                   "StartingSequenceNumber."),
            std::string::npos);
  e = s.at({"LATEST", seqs[0].to_string(), {}});
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("and also a StartingSequenceNumber."), std::string::npos);
  e = s.at({"AT_TIMESTAMP", {}, {}});
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("Must specify timestampInMillis"), std::string::npos);
  e = s.at({"AT_TIMESTAMP", {}, s.ctx.now_ms + 1000});
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("cannot be greater than the currentTimestampInMillis"),
            std::string::npos);
  e = s.at({"AT_SEQUENCE_NUMBER", std::string("abc"), {}});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().message,
            "StartingSequenceNumber abc used in GetShardIterator on shard shardId-000000000000 "
            "in stream s under account 000000000000 is invalid.");
}

TEST(StartingPosition, AnotherShardsSequenceNumberNamesThatShard) {
  Shard2 s;
  const log::NewRecord r{"k", "v"};
  log::SequenceNumber other;
  ASSERT_EQ(s.stream->shards()[1]->append(s.clock.now_ms(), {&r, 1}, &other),
            log::AppendStatus::kOk);
  const auto e = s.at({"AT_SEQUENCE_NUMBER", other.to_string(), {}});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().message,
            "Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used "
            "in a call to a shard with shardId-000000000000");
}

}  // namespace
}  // namespace kinesisd::operations
