#include "iam/policy.hpp"

#include <gtest/gtest.h>

namespace kinesisd::iam {
namespace {

using nlohmann::json;

TEST(Policy, WildcardsMatchAsIamDoes) {
  EXPECT_TRUE(wildcard_match("kinesis:*", "kinesis:PutRecord", true));
  EXPECT_TRUE(wildcard_match("KINESIS:put*", "kinesis:PutRecords", true));
  EXPECT_FALSE(wildcard_match("kinesis:Get*", "kinesis:PutRecord", true));
  EXPECT_TRUE(wildcard_match("arn:aws:kinesis:*:*:stream/c?r",
                             "arn:aws:kinesis:us-east-1:1:stream/ctr", false));
  EXPECT_FALSE(wildcard_match("arn:aws:kinesis:*:*:stream/CTR",
                              "arn:aws:kinesis:us-east-1:1:stream/ctr", false));
  EXPECT_TRUE(wildcard_match("*", "", false));
}

TEST(Policy, AnExplicitDenyWinsThenAnAllowElseImplicitDeny) {
  const auto allow = parse_policy(
      json::parse(R"({"Statement":[{"Effect":"Allow","Action":["kinesis:*"],"Resource":"*"}]})"));
  const auto deny = parse_policy(json::parse(
      R"({"Statement":{"Effect":"Deny","Action":"kinesis:DeleteStream","Resource":"arn:aws:kinesis:*:*:stream/prod-*"}})"));
  EXPECT_EQ(evaluate({allow, deny}, "kinesis:DeleteStream", "arn:aws:kinesis:r:1:stream/prod-a"),
            Decision::kExplicitDeny);
  EXPECT_EQ(evaluate({allow, deny}, "kinesis:DeleteStream", "arn:aws:kinesis:r:1:stream/dev"),
            Decision::kAllow);
  EXPECT_EQ(evaluate({deny}, "kinesis:ListStreams", "*"), Decision::kImplicitDeny);
  const auto not_action = parse_policy(json::parse(
      R"({"Statement":[{"Effect":"Allow","NotAction":"kinesis:Delete*","Resource":"*"}]})"));
  EXPECT_EQ(evaluate({not_action}, "kinesis:PutRecord", "x"), Decision::kAllow);
  EXPECT_EQ(evaluate({not_action}, "kinesis:DeleteStream", "x"), Decision::kImplicitDeny);
}

TEST(Policy, WhatIsNotEvaluatedIsRefused) {
  EXPECT_THROW(
      parse_policy(json::parse(
          R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{}}]})")),
      PolicyError);
  EXPECT_THROW(parse_policy(json::parse(
                   R"({"Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]})")),
               PolicyError);
  EXPECT_THROW(parse_policy(json::parse(R"({"Statement":[{"Effect":"Allow","Resource":"*"}]})")),
               PolicyError);
}

}  // namespace
}  // namespace kinesisd::iam
