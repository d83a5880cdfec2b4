// Sequence numbers: 56 decimal digits in the layout real Kinesis uses.
//
// Written in hex the value has 47 digits:
//
//   '2' | shard_created_s (9) | shard_index & 0xf (1) | counter (16) | kind (2)
//       | record_s (9) | shard_index (8) | '2'
//
// shard_created_s and record_s are epoch seconds. `counter` is the record's
// position in its shard plus one (0 is the shard's StartingSequenceNumber), so
// numbers strictly increase within a shard and decode back to shard and
// position. They are not comparable across shards.
//
// kind 00 names a record (or the shard's start). kind 01 is a continuation: a
// point between the record `counter` names and the next one, stamped with the
// time it was issued (record_s), which SubscribeToShard hands out as
// ContinuationSequenceNumber. It sorts after that record and before the next,
// so AFTER_SEQUENCE_NUMBER of it resumes exactly after the last record
// delivered, and it moves on while no data arrives ("it captures your shard
// progress even when no data is written to the shard", the API reference's
// SubscribeToShardEvent).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kinesisd::log {

struct SequenceNumber {
  uint64_t shard_created_s = 0;
  uint32_t shard_index = 0;
  uint64_t counter = 0;
  uint64_t record_s = 0;
  bool continuation = false;  // kind 01

  std::string to_string() const;
  void append_to(std::string& out) const;  // to_string() without the allocation
  // nullopt for text that is not a decimal of this layout.
  static std::optional<SequenceNumber> parse(std::string_view decimal);

  friend bool operator==(const SequenceNumber&, const SequenceNumber&) = default;
};

// A number of Kinesis's first layout (below 2^129). kinesisd never writes
// one; AWS still reads them and answers accordingly (kinesalite's db
// parseSequence, version 0, and test/getShardIterator.js and putRecord.js,
// run against AWS): as 2^124 + (value mod 2^124), whose 32 hex digits are a
// 1, the shard's creation in seconds (9 digits), 18 more, and the shard index
// (the last 4); AWS prints that number in its messages. nullopt for anything
// else.
struct FirstLayoutNumber {
  std::string decimal;  // as AWS prints it
  uint64_t shard_created_s = 0;
  uint32_t shard_index = 0;
};
std::optional<FirstLayoutNumber> parse_first_layout(std::string_view decimal);
// AWS refuses a first-layout number whose creation is this second or later
// (test/getShardIterator.js "sequence number with large date").
inline constexpr uint64_t kFirstLayoutDateLimitS = 16025175000;

// Whether AWS takes `decimal` as a SequenceNumberForOrdering at `now_ms`
// (test/putRecord.js, run against AWS): this layout's with a counter and a
// shard index in range and a record time not in the future, the version-1
// layout (47 hex digits ending in 1), or a first-layout number whose date is
// in range.
bool valid_ordering_number(std::string_view decimal, int64_t now_ms);

// Writes many sequence numbers. A number that follows the previous one in its
// shard and second (counter + 1, as a batch appended to one shard has) is the
// previous decimal plus 2^80, the weight of the counter field: one short
// decimal addition instead of a 224-bit conversion.
class SequenceNumberWriter {
 public:
  void append(const SequenceNumber& s, std::string& out) { out.append(next(s)); }
  // s in decimal, valid until the next call.
  std::string_view next(const SequenceNumber& s);

 private:
  SequenceNumber last_{};
  bool has_last_ = false;
  char digits_[64] = {};  // last_ in decimal, right-aligned at the end
  int length_ = 0;
};

}  // namespace kinesisd::log
