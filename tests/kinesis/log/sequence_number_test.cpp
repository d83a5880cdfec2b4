#include "kinesis/log/sequence_number.hpp"

#include <gtest/gtest.h>

namespace kinesisd::log {

TEST(SequenceNumber, DecodesARealAwsNumber) {
  // From the AWS Lambda docs: shard 6, record time 1545084650.
  auto s = SequenceNumber::parse("49590338271490256608559692538361571095921575989136588898");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->shard_index, 6u);
  EXPECT_EQ(s->record_s, 1545084650u);
  EXPECT_EQ(s->to_string(), "49590338271490256608559692538361571095921575989136588898");
}

TEST(SequenceNumber, RoundTripsWith56Digits) {
  SequenceNumber s{1795345538, 123456, 987654321012ull, 1795349999};
  const auto text = s.to_string();
  EXPECT_EQ(text.size(), 56u);
  EXPECT_EQ(SequenceNumber::parse(text), s);
}

TEST(SequenceNumber, IncreasesWithTheCounterWhateverTheRecordTime) {
  SequenceNumber a{1700000000, 3, 41, 1799999999};
  SequenceNumber b{1700000000, 3, 42, 1700000000};
  const auto ta = a.to_string(), tb = b.to_string();
  ASSERT_EQ(ta.size(), tb.size());
  EXPECT_LT(ta, tb);
}

// A continuation (kind 01) sorts between the record its counter names and the
// next record, whatever the times, and survives a round trip.
TEST(SequenceNumber, ContinuationsSitBetweenRecords) {
  const SequenceNumber record{1700000000, 3, 41, 1799999999};
  SequenceNumber continuation{1700000000, 3, 41, 1700000000};
  continuation.continuation = true;
  const SequenceNumber next{1700000000, 3, 42, 1700000000};
  const auto tr = record.to_string(), tc = continuation.to_string(), tn = next.to_string();
  ASSERT_EQ(tr.size(), tc.size());
  EXPECT_LT(tr, tc);
  EXPECT_LT(tc, tn);
  EXPECT_EQ(SequenceNumber::parse(tc), continuation);
  EXPECT_FALSE(SequenceNumber::parse(tr)->continuation);
}

TEST(SequenceNumber, TheFirstLayoutNamesAShardInItsLowBits) {
  EXPECT_EQ(first_layout_shard_index("5"), 5u);
  EXPECT_EQ(first_layout_shard_index("65541"), 5u);
  EXPECT_EQ(first_layout_shard_index("680564733841876926926749214863536422911"), 65535u);
  EXPECT_FALSE(first_layout_shard_index("680564733841876926926749214863536422912"));
  EXPECT_FALSE(
      first_layout_shard_index("49590338271490256608559692538361571095921575989136588898"));
  EXPECT_FALSE(first_layout_shard_index("05"));
  EXPECT_FALSE(first_layout_shard_index("1e5"));
  EXPECT_FALSE(first_layout_shard_index(""));
}

TEST(SequenceNumber, RejectsWhatItDidNotWrite) {
  EXPECT_FALSE(SequenceNumber::parse(""));
  EXPECT_FALSE(SequenceNumber::parse("0"));
  EXPECT_FALSE(SequenceNumber::parse("12345"));
  EXPECT_FALSE(SequenceNumber::parse("4959033827149025660855969253836157109592157598913658889x"));
  EXPECT_FALSE(SequenceNumber::parse(std::string(57, '9')));
  EXPECT_FALSE(SequenceNumber::parse(std::string(200, '9')));
}

}  // namespace kinesisd::log

namespace kinesisd::log {

// The writer's shortcut gives the same text as a full conversion, across
// carries, shard changes and second changes.
TEST(SequenceNumberWriter, MatchesToStringForRunsAndJumps) {
  SequenceNumberWriter writer;
  std::vector<SequenceNumber> numbers;
  for (uint64_t c = 0; c < 3000; ++c) numbers.push_back({1700000000, 3, c, 1700000100});
  numbers.push_back({1700000000, 4, 10, 1700000100});  // another shard
  numbers.push_back({1700000000, 4, 11, 1700000101});  // another second
  numbers.push_back({1700000000, 4, 12, 1700000101});
  for (uint64_t c = 0xfffffffffffffff0ull; c < 0xfffffffffffffffeull; ++c)
    numbers.push_back({1700000000, 4, c, 1700000101});  // the widest counters
  for (const auto& n : numbers) {
    std::string out;
    writer.append(n, out);
    ASSERT_EQ(out, n.to_string()) << n.counter;
  }
}

}  // namespace kinesisd::log
