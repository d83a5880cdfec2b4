#include "kinesis/log/sequence_number.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

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
  const auto index = [](std::string_view d) -> std::optional<uint32_t> {
    auto f = parse_first_layout(d);
    return f ? std::optional<uint32_t>(f->shard_index) : std::nullopt;
  };
  EXPECT_EQ(index("5"), 5u);
  EXPECT_EQ(index("65541"), 5u);
  EXPECT_EQ(index("680564733841876926926749214863536422911"), 65535u);
  EXPECT_FALSE(index("680564733841876926926749214863536422912"));
  EXPECT_FALSE(index("49590338271490256608559692538361571095921575989136588898"));
  EXPECT_FALSE(index("05"));
  EXPECT_FALSE(index("1e5"));
  EXPECT_FALSE(index(""));
}

// The numbers AWS printed for first-layout numbers (kinesalite's
// test/getShardIterator.js, run against AWS): 2^124 + (value mod 2^124).
TEST(SequenceNumber, TheFirstLayoutIsPrintedAsAwsReadsIt) {
  EXPECT_EQ(parse_first_layout("0")->decimal, "21267647932558653966460912964485513216");
  EXPECT_EQ(parse_first_layout("425352958651173072921826052383309826")->decimal,
            "21693000891209827039382739016868823042");
  // 0xf3bb2cc3d7ff7fffffffffffffff0000: its date is the last one AWS reads.
  const auto large = parse_first_layout("323974270430642978495705530411780079616");
  EXPECT_EQ(large->decimal, "26227199374821822965252748908982894592");
  EXPECT_EQ(large->shard_created_s, kFirstLayoutDateLimitS - 1);
  // 0x13bb2cc3d80000000000000000000000: one second later, past AWS's range.
  EXPECT_EQ(parse_first_layout("26227199374822427428162556223570313216")->shard_created_s,
            kFirstLayoutDateLimitS);
}

// test/putRecord.js (run against AWS): what AWS takes as SequenceNumberForOrdering.
TEST(SequenceNumber, OrderingNumbersAreTakenAsAwsTakesThem) {
  const int64_t now_ms = 1795345538077;
  // The hex of each number is in the comment beside it.
  for (
      const char* good :
      {"73559785961551514828601391991642864028743539089244946418",  // 2ffffffffff7fffffffffffffff000000000007fffffff2
       "49039857307708443467467104868809893875799651909875269634",  // 20000000000000000000000000000000000000000000002
       "49039857307708443467467104868809893875799651909875269633",  // 20000000000000000000000000000000000000000000001,
                                                                    // version 1
       "1"})  // the first layout
    EXPECT_TRUE(valid_ordering_number(good, now_ms)) << good;
  for (
      const char* bad :
      {"49039857307708443467467104868809893875799651909875269632",  // ...0000 (version 0)
       "49039857307708443467467104868809893875799651909875269636",  // ...0004 (version 4)
       "73559785961562665201200657303214840813699477864812904449",  // 3000...0001 (initial 3)
       "49039857307697293094867839557237917090843713134307311602",  // 1ffffffffff7fffffffffffffff000000000007fffffff2
                                                                    // (initial 1)
       "49039857307719593840066370180380661734935976090628259842",  // 20000000000800000000000000000000000000000000002
                                                                    // (8 in index)
       "49039857307708443467467104868809893875799651944235008002",  // 20000000000000000000000000000000000000800000002
                                                                    // (8 near end)
       "49039857307708443467467104868809893999174857978986627074",  // 2000000000000000000000000000006b02cc84000000002
                                                                    // (a record time 2 s ahead)
       "26227199374822427428162556223570313216"})  // 13bb2cc3d8 0...0 (first layout, date)
    EXPECT_FALSE(valid_ordering_number(bad, now_ms)) << bad;
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
    numbers.push_back({1700000000, 4, c, 1700000101});                // the widest counters
  for (uint64_t c = 0; c < 40; ++c) numbers.push_back({0, 0, c, 0});  // the narrowest
  for (const auto& n : numbers) {
    std::string out;
    writer.append(n, out);
    ASSERT_EQ(out, n.to_string()) << n.counter;
  }
}

}  // namespace kinesisd::log
