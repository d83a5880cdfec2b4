#include "protocol/query_string.hpp"

#include <gtest/gtest.h>

namespace kinesisd::protocol {
namespace {

TEST(QueryString, DecodesPercentEscapesAndPlus) {
  EXPECT_EQ(url_decode("arn%3Aaws%3Akinesis"), "arn:aws:kinesis");
  EXPECT_EQ(url_decode("a+b"), "a b");
  EXPECT_EQ(url_decode("100%"), "100%");
  EXPECT_EQ(url_decode("%zz"), "%zz");
}

TEST(QueryString, FindsOneParameter) {
  const std::string_view q = "FunctionName=enrich&EventSourceArn=arn%3Aaws&MaxItems=&Flag";
  EXPECT_EQ(query_param(q, "FunctionName"), "enrich");
  EXPECT_EQ(query_param(q, "EventSourceArn"), "arn:aws");
  EXPECT_EQ(query_param(q, "MaxItems"), "");
  EXPECT_EQ(query_param(q, "Flag"), "");
  EXPECT_EQ(query_param(q, "Marker"), std::nullopt);
  EXPECT_EQ(query_param("", "x"), std::nullopt);
}

}  // namespace
}  // namespace kinesisd::protocol
