#include "lambda/poller/filter_pattern.hpp"

#include <gtest/gtest.h>

namespace kinesisd::poller {
namespace {

using json = nlohmann::json;

bool match(const char* pattern, const json& doc) {
  std::string why;
  auto p = FilterPattern::parse(pattern, &why);
  EXPECT_TRUE(p) << pattern << ": " << why;
  return p && p->matches(doc);
}

TEST(FilterPattern, MatchesNestedDataFieldsWithAnd) {
  const json doc = {{"data", {{"Channel", "VOICE"}, {"Queue", {{"Name", "BasicQueue"}}}}}};
  EXPECT_TRUE(match(R"({"data":{"Channel":["VOICE"]}})", doc));
  EXPECT_TRUE(
      match(R"({"data":{"Channel":["CHAT","VOICE"],"Queue":{"Name":["BasicQueue"]}}})", doc));
  EXPECT_FALSE(match(R"({"data":{"Channel":["VOICE"],"Queue":{"Name":["Other"]}}})", doc));
  EXPECT_FALSE(match(R"({"data":{"Missing":["x"]}})", doc));
}

TEST(FilterPattern, NumericRangesAndEquality) {
  const json doc = {{"data", {{"temp", 31.5}, {"count", 3}}}};
  EXPECT_TRUE(match(R"({"data":{"temp":[{"numeric":[">",30]}]}})", doc));
  EXPECT_FALSE(match(R"({"data":{"temp":[{"numeric":[">",30,"<=",31]}]}})", doc));
  EXPECT_TRUE(match(R"({"data":{"count":[3.0]}})", doc));
  EXPECT_FALSE(match(R"({"data":{"count":[{"numeric":["=",4]}]}})", doc));
}

TEST(FilterPattern, PrefixSuffixIgnoreCaseAndAnythingBut) {
  const json doc = {{"data", {{"arn", "arn:aws:connect:agent/7"}, {"state", "Available"}}}};
  EXPECT_TRUE(match(R"({"data":{"arn":[{"prefix":"arn:aws:connect"}]}})", doc));
  EXPECT_TRUE(match(R"({"data":{"arn":[{"suffix":"/7"}]}})", doc));
  EXPECT_TRUE(match(R"({"data":{"state":[{"equals-ignore-case":"AVAILABLE"}]}})", doc));
  EXPECT_FALSE(match(R"({"data":{"state":[{"anything-but":["Available","Offline"]}]}})", doc));
  EXPECT_TRUE(match(R"({"data":{"state":[{"anything-but":{"prefix":"Off"}}]}})", doc));
}

TEST(FilterPattern, ExistsNullEmptyAndArrays) {
  const json doc = {{"data", {{"a", nullptr}, {"b", ""}, {"tags", {"x", "y"}}}}};
  EXPECT_TRUE(match(R"({"data":{"a":[null]}})", doc));
  EXPECT_TRUE(match(R"({"data":{"b":[""]}})", doc));
  EXPECT_TRUE(match(R"({"data":{"tags":["y"]}})", doc));
  EXPECT_TRUE(match(R"({"data":{"c":[{"exists":false}]}})", doc));
  EXPECT_FALSE(match(R"({"data":{"c":[{"exists":true}]}})", doc));
  EXPECT_TRUE(match(R"({"data":{"b":[{"exists":true}]}})", doc));
}

TEST(FilterPattern, OrAlternativesAndMetadata) {
  const json doc = {{"partitionKey", "agent-1"}, {"data", {{"type", "HEART_BEAT"}}}};
  EXPECT_TRUE(match(R"({"$or":[{"data":{"type":["LOGIN"]}},{"partitionKey":["agent-1"]}]})", doc));
  EXPECT_FALSE(match(R"({"$or":[{"data":{"type":["LOGIN"]}},{"partitionKey":["agent-2"]}]})", doc));
}

TEST(FilterPattern, RefusesInvalidPatterns) {
  for (const char* bad :
       {"", "[]", "{}", R"({"data":"x"})", R"({"data":{"a":[]}})",
        R"({"data":{"a":[{"numeric":["~",1]}]}})", R"({"data":{"a":[{"bogus":1}]}})",
        R"({"$or":[{"a":["b"]}]})", "{not json"}) {
    std::string why;
    EXPECT_FALSE(FilterPattern::parse(bad, &why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
}

}  // namespace
}  // namespace kinesisd::poller
