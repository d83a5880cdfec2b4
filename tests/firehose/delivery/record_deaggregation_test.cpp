#include "firehose/delivery/record_deaggregation.hpp"

#include <gtest/gtest.h>

namespace kinesisd::delivery {
namespace {

SubRecordSplit json_split() { return {}; }

SubRecordSplit delimited(std::string delimiter) {
  SubRecordSplit how;
  how.type = SubRecordSplit::Type::kDelimited;
  how.delimiter = std::move(delimiter);
  return how;
}

using Pieces = std::vector<std::string>;

TEST(RecordDeaggregation, JsonObjectsBackToBackOrALineEach) {
  EXPECT_EQ(split_sub_records(R"({"a":1}{"a":2})", json_split()),
            (Pieces{R"({"a":1})", R"({"a":2})"}));
  EXPECT_EQ(split_sub_records("{\"a\":1}\n{\"a\":{\"b\":\"}{\"}}\n", json_split()),
            (Pieces{R"({"a":1})", R"({"a":{"b":"}{"}})"}));
}

TEST(RecordDeaggregation, WhatIsNotSuchJsonStaysWhole) {
  for (std::string bad :
       {R"([{"a":1},{"a":2}])", R"({"a":1} x)", R"({"a":)", "plain text", R"({"a":1}{"a":})"})
    EXPECT_EQ(split_sub_records(bad, json_split()), (Pieces{bad})) << bad;
}

TEST(RecordDeaggregation, DelimitedPiecesWithoutEmptyOnes) {
  EXPECT_EQ(split_sub_records("a####b########c####", delimited("####")), (Pieces{"a", "b", "c"}));
  EXPECT_EQ(split_sub_records("no delimiter", delimited("##")), (Pieces{"no delimiter"}));
}

TEST(RecordDeaggregation, AtMost500SubRecords) {
  std::string five_hundred, five_hundred_one;
  for (int i = 0; i < 500; ++i) five_hundred += "x|";
  five_hundred_one = five_hundred + "y";
  EXPECT_EQ(split_sub_records(five_hundred, delimited("|")).size(), 500u);
  EXPECT_EQ(split_sub_records(five_hundred_one, delimited("|")), (Pieces{five_hundred_one}));
}

TEST(RecordDeaggregation, TheProcessorsParametersAreChecked) {
  std::string error;
  Processor p{"RecordDeAggregation", {{"SubRecordType", "DELIMITED"}, {"Delimiter", "IyMjIw=="}}};
  const auto how = sub_record_split(p, error);
  ASSERT_TRUE(how);
  EXPECT_EQ(how->delimiter, "####");
  p.params.erase("Delimiter");
  EXPECT_FALSE(sub_record_split(p, error));
  EXPECT_NE(error.find("requires a Delimiter"), std::string::npos);
  p.params["SubRecordType"] = "CSV";
  EXPECT_FALSE(sub_record_split(p, error));
  p.params["SubRecordType"] = "JSON";
  EXPECT_TRUE(sub_record_split(p, error));
}

}  // namespace
}  // namespace kinesisd::delivery
