#include "protocol/event_stream.hpp"

#include <gtest/gtest.h>

namespace kinesisd::protocol {
namespace {

std::string bytes(std::initializer_list<int> v) {
  std::string s;
  for (int b : v) s.push_back(static_cast<char>(b));
  return s;
}

TEST(EventStreamTest, Crc32MatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
}

// The empty message of the event-stream test suite (aws-c-event-stream
// "empty_message"): 16 bytes, prelude CRC 0x05c248eb, message CRC 0x7d98c8ff.
TEST(EventStreamTest, EncodesTheEmptyMessageVector) {
  EXPECT_EQ(encode_event(EventMessage{}), bytes({0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00,
                                                 0x05, 0xc2, 0x48, 0xeb, 0x7d, 0x98, 0xc8, 0xff}));
}

// The suite's "one string header" vector: header content-type =
// application/json, payload {'foo':'bar'}; total 0x3d, headers 0x20, prelude
// CRC 0x07fd8396, message CRC 0x8d9c08b1.
TEST(EventStreamTest, EncodesTheSuitesStringHeaderVector) {
  EventMessage m;
  m.headers = {{"content-type", "application/json"}};
  m.payload = "{'foo':'bar'}";
  const auto out = encode_event(m);
  EXPECT_EQ(out.substr(0, 12),
            bytes({0x00, 0x00, 0x00, 0x3d, 0x00, 0x00, 0x00, 0x20, 0x07, 0xfd, 0x83, 0x96}));
  EXPECT_EQ(out.substr(out.size() - 4), bytes({0x8d, 0x9c, 0x08, 0xb1}));
}

TEST(EventStreamTest, RoundTripsAnEvent) {
  const auto wire =
      encode_event("SubscribeToShardEvent", "application/x-amz-json-1.1", R"({"Records":[]})");
  const auto d = decode_event(wire);
  ASSERT_EQ(d.status, DecodeStatus::kOk);
  EXPECT_EQ(d.consumed, wire.size());
  EXPECT_EQ(d.message.header(":message-type"), "event");
  EXPECT_EQ(d.message.header(":event-type"), "SubscribeToShardEvent");
  EXPECT_EQ(d.message.payload, R"({"Records":[]})");
}

TEST(EventStreamTest, ExceptionsCarryTheTypeAndAJsonMessage) {
  const auto d = decode_event(encode_exception("ResourceInUseException", "taken \"over\""));
  ASSERT_EQ(d.status, DecodeStatus::kOk);
  EXPECT_EQ(d.message.header(":message-type"), "exception");
  EXPECT_EQ(d.message.header(":exception-type"), "ResourceInUseException");
  EXPECT_EQ(d.message.payload, R"({"message":"taken \"over\""})");
}

TEST(EventStreamTest, PartialInputNeedsMore) {
  const auto wire = encode_event("initial-response", "application/json", "{}");
  for (size_t n = 0; n < wire.size(); ++n)
    EXPECT_EQ(decode_event(std::string_view(wire).substr(0, n)).status, DecodeStatus::kNeedMore)
        << n;
}

TEST(EventStreamTest, CorruptionIsDetected) {
  auto wire = encode_event("initial-response", "application/json", "{}");
  auto prelude = wire;
  prelude[3] ^= 1;
  EXPECT_EQ(decode_event(prelude).status, DecodeStatus::kBadPreludeCrc);
  auto body = wire;
  body[body.size() - 6] ^= 1;
  EXPECT_EQ(decode_event(body).status, DecodeStatus::kBadMessageCrc);
}

TEST(EventStreamTest, LengthsThatDoNotAddUpAreMalformed) {
  std::string m = bytes({0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x20});  // headers > total
  {
    const uint32_t c = crc32(m);
    for (int i = 3; i >= 0; --i) m.push_back(static_cast<char>((c >> (8 * i)) & 0xff));
  }
  m.append(4, '\0');
  EXPECT_EQ(decode_event(m).status, DecodeStatus::kMalformed);
}

}  // namespace
}  // namespace kinesisd::protocol
