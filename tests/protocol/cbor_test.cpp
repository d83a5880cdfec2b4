#include "protocol/cbor.hpp"

#include <gtest/gtest.h>

#include "protocol/model.hpp"

namespace kinesisd::protocol {
namespace {

using nlohmann::json;

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s.push_back(static_cast<char>(c));
  return s;
}

// RFC 8949 Appendix A vectors.
TEST(CborDecode, RfcAppendixAValues) {
  EXPECT_EQ(*cbor_decode(bytes({0x00})), 0);
  EXPECT_EQ(*cbor_decode(bytes({0x17})), 23);
  EXPECT_EQ(*cbor_decode(bytes({0x18, 0x18})), 24);
  EXPECT_EQ(*cbor_decode(bytes({0x19, 0x03, 0xe8})), 1000);
  EXPECT_EQ(*cbor_decode(bytes({0x1b, 0x00, 0x00, 0x00, 0xe8, 0xd4, 0xa5, 0x10, 0x00})),
            1000000000000);
  EXPECT_EQ(*cbor_decode(bytes({0x20})), -1);
  EXPECT_EQ(*cbor_decode(bytes({0x39, 0x03, 0xe7})), -1000);
  EXPECT_DOUBLE_EQ(cbor_decode(bytes({0xf9, 0x3c, 0x00}))->get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(cbor_decode(bytes({0xf9, 0x7b, 0xff}))->get<double>(), 65504.0);
  EXPECT_DOUBLE_EQ(cbor_decode(bytes({0xfa, 0x47, 0xc3, 0x50, 0x00}))->get<double>(), 100000.0);
  EXPECT_DOUBLE_EQ(
      cbor_decode(bytes({0xfb, 0x3f, 0xf1, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a}))->get<double>(),
      1.1);
  EXPECT_EQ(*cbor_decode(bytes({0xf4})), false);
  EXPECT_EQ(*cbor_decode(bytes({0xf5})), true);
  EXPECT_TRUE(cbor_decode(bytes({0xf6}))->is_null());
  EXPECT_EQ(*cbor_decode(bytes({0x64, 'I', 'E', 'T', 'F'})), "IETF");
  // 1(1363896240): the tag is read and dropped.
  EXPECT_EQ(*cbor_decode(bytes({0xc1, 0x1a, 0x51, 0x4b, 0x67, 0xb0})), 1363896240);
  // (_ h'0102', h'030405')
  const auto chunked = cbor_decode(bytes({0x5f, 0x42, 0x01, 0x02, 0x43, 0x03, 0x04, 0x05, 0xff}));
  ASSERT_TRUE(chunked->is_binary());
  EXPECT_EQ(json::binary_t::container_type(chunked->get_binary()), json::binary_t::container_type({1, 2, 3, 4, 5}));
  // (_ "strea", "ming")
  EXPECT_EQ(
      *cbor_decode(bytes({0x7f, 0x65, 's', 't', 'r', 'e', 'a', 0x64, 'm', 'i', 'n', 'g', 0xff})),
      "streaming");
  // [_ 1, [2, 3], [_ 4, 5]]
  EXPECT_EQ(*cbor_decode(bytes({0x9f, 0x01, 0x82, 0x02, 0x03, 0x9f, 0x04, 0x05, 0xff, 0xff})),
            json::parse("[1,[2,3],[4,5]]"));
  // {_ "a": 1, "b": [_ 2, 3]}
  EXPECT_EQ(*cbor_decode(bytes({0xbf, 0x61, 'a', 0x01, 0x61, 'b', 0x9f, 0x02, 0x03, 0xff, 0xff})),
            json::parse(R"({"a":1,"b":[2,3]})"));
}

TEST(CborDecode, RefusesMalformedInput) {
  EXPECT_FALSE(cbor_decode(""));
  EXPECT_FALSE(cbor_decode(bytes({0x18})));                    // truncated argument
  EXPECT_FALSE(cbor_decode(bytes({0x1c})));                    // reserved additional info
  EXPECT_FALSE(cbor_decode(bytes({0x00, 0x00})));              // trailing bytes
  EXPECT_FALSE(cbor_decode(bytes({0xff})));                    // break outside a container
  EXPECT_FALSE(cbor_decode(bytes({0x1f})));                    // indefinite integer
  EXPECT_FALSE(cbor_decode(bytes({0xbf, 0x01, 0x02, 0xff})));  // non-text map key
  EXPECT_FALSE(cbor_decode(bytes({0xbf, 0x61, 'a'})));         // map without its break
  EXPECT_FALSE(cbor_decode(bytes({0x5f, 0x61, 'a', 0xff})));   // text chunk in a byte string
  EXPECT_FALSE(cbor_decode(bytes({0xf0})));                    // unassigned simple value
  // Text strings must be UTF-8: a stray continuation byte, a truncated
  // sequence, an overlong '/', a surrogate, and in an indefinite string.
  EXPECT_FALSE(cbor_decode(bytes({0x61, 0x80})));
  EXPECT_FALSE(cbor_decode(bytes({0x62, 0xc3, 0x28})));
  EXPECT_FALSE(cbor_decode(bytes({0x61, 0xc3})));
  EXPECT_FALSE(cbor_decode(bytes({0x62, 0xc0, 0xaf})));
  EXPECT_FALSE(cbor_decode(bytes({0x63, 0xed, 0xa0, 0x80})));
  EXPECT_FALSE(cbor_decode(bytes({0x7f, 0x61, 0xc3, 0x61, 0xa9, 0xff})));  // split mid-character
  EXPECT_EQ(*cbor_decode(bytes({0x62, 0xc3, 0xa9})), "\u00e9");
  EXPECT_EQ(*cbor_decode(bytes({0x64, 0xf0, 0x9f, 0x98, 0x80})), "\U0001F600");
  // A length far beyond the input allocates nothing and fails.
  EXPECT_FALSE(cbor_decode(bytes({0x5b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})));
  EXPECT_FALSE(cbor_decode(bytes({0x9b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})));
  EXPECT_FALSE(cbor_decode(bytes({0xbb, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})));
}

TEST(CborDecode, RefusesDeepNestingWithoutRecursingFurther) {
  std::string sixty(60, '\x81');
  sixty.push_back('\x00');
  EXPECT_TRUE(cbor_decode(sixty));
  EXPECT_FALSE(cbor_decode(std::string(100000, '\x9f')));
  EXPECT_FALSE(cbor_decode(std::string(100000, '\xc1')));  // tags nest too
}

TEST(CborEncode, ShortestHeadsAndRoundTrip) {
  EXPECT_EQ(cbor_encode(json(0)), bytes({0x00}));
  EXPECT_EQ(cbor_encode(json(24)), bytes({0x18, 0x18}));
  EXPECT_EQ(cbor_encode(json(1000)), bytes({0x19, 0x03, 0xe8}));
  EXPECT_EQ(cbor_encode(json(-1000)), bytes({0x39, 0x03, 0xe7}));
  EXPECT_EQ(cbor_encode(json("IETF")), bytes({0x64, 'I', 'E', 'T', 'F'}));
  // Maps and arrays of an answer are indefinite-length, as Jackson writes
  // them: AWS's {"__type": "SerializationException"} is these bytes
  // (kinesalite's test/connection.js, checked against AWS).
  EXPECT_EQ(cbor_encode(json::object()), bytes({0xbf, 0xff}));
  EXPECT_EQ(cbor_encode(json::array({1})), bytes({0x9f, 0x01, 0xff}));
  std::string serialization = "\xbf\x66__type\x76SerializationException\xff";
  EXPECT_EQ(cbor_encode(json{{"__type", "SerializationException"}}), serialization);
  const json doc = json::parse(R"({"a":[1,-2,3.5,true,null,"x"],"b":{"c":"d"}})");
  EXPECT_EQ(*cbor_decode(cbor_encode(doc)), doc);
}

TEST(CborShapes, RequestBlobsAndMillisecondTimestampsBecomeTheJsonForm) {
  const Model& model = Model::kinesis();
  // PutRecords as Jackson writes it: indefinite maps and arrays, a byte string.
  auto body =
      *cbor_decode(bytes({0xbf, 0x67, 'R', 'e',  'c', 'o', 'r', 'd',  's', 0x9f, 0xbf, 0x64, 'D',
                          'a',  't',  'a', 0x43, 'a', 'b', 'c', 0x6c, 'P', 'a',  'r',  't',  'i',
                          't',  'i',  'o', 'n',  'K', 'e', 'y', 0x61, 'k', 0xff, 0xff, 0xff}));
  cbor_request_to_json(body, *model.input("PutRecords"));
  EXPECT_EQ(body, json::parse(R"({"Records":[{"Data":"YWJj","PartitionKey":"k"}]})"));

  // GetShardIterator AT_TIMESTAMP: tag 1 + integer epoch milliseconds.
  json iterator = {{"Timestamp", 1700000000123}};
  cbor_request_to_json(iterator, *model.input("GetShardIterator"));
  EXPECT_DOUBLE_EQ(iterator["Timestamp"].get<double>(), 1700000000.123);
  // A floating-point time is seconds already.
  json seconds = {{"Timestamp", 1700000000.5}};
  cbor_request_to_json(seconds, *model.input("GetShardIterator"));
  EXPECT_DOUBLE_EQ(seconds["Timestamp"].get<double>(), 1700000000.5);
}

TEST(CborShapes, ReplyBlobsAsByteStringsAndTimestampsAsTaggedMilliseconds) {
  const Model& model = Model::kinesis();
  const json reply =
      json::parse(R"({"Records":[{"Data":"YWJj","ApproximateArrivalTimestamp":1700000000.123,)"
                  R"("PartitionKey":"k","SequenceNumber":"1"}],"MillisBehindLatest":0})");
  const auto cbor = json_reply_to_cbor(reply, model.output("GetRecords"));
  // Timestamp: 0xc1 then 1700000000123 as an 8-byte unsigned.
  EXPECT_NE(cbor.find(bytes({0xc1, 0x1b, 0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x7b})),
            std::string::npos);
  const auto back = *cbor_decode(cbor);
  const auto& record = back["Records"][0];
  ASSERT_TRUE(record["Data"].is_binary());
  EXPECT_EQ(json::binary_t::container_type(record["Data"].get_binary()), json::binary_t::container_type({'a', 'b', 'c'}));
  EXPECT_EQ(record["ApproximateArrivalTimestamp"], 1700000000123);
  EXPECT_EQ(record["PartitionKey"], "k");
  EXPECT_EQ(back["MillisBehindLatest"], 0);
}

}  // namespace
}  // namespace kinesisd::protocol
