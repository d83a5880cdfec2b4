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
          R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]})")),
      PolicyError);
  EXPECT_THROW(parse_policy(json::parse(
                   R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
                        "Condition":{"StringSortOf":{"aws:username":"a"}}}]})")),
               PolicyError);
  EXPECT_THROW(parse_policy(json::parse(
                   R"({"Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]})")),
               PolicyError);
  EXPECT_THROW(parse_policy(json::parse(R"({"Statement":[{"Effect":"Allow","Resource":"*"}]})")),
               PolicyError);
}

TEST(Policy, ConditionsAndPolicyVariablesNarrowAStatement) {
  // Seed 002's reader, kept to one region and to TLS, and a user's own stream.
  const auto policy = parse_policy(json::parse(R"({"Statement":[
    {"Effect":"Allow","Action":"kinesis:GetRecords","Resource":"*",
     "Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"},
                  "Bool":{"aws:SecureTransport":"true"}}},
    {"Effect":"Allow","Action":"kinesis:PutRecord",
     "Resource":"arn:aws:kinesis:*:*:stream/${aws:username}-*"}]})"));
  RequestContext c;
  c.set("aws:RequestedRegion", std::string("eu-west-1"));
  c.set("aws:SecureTransport", std::string("true"));
  c.set("aws:username", std::string("alice"));
  EXPECT_EQ(evaluate({policy}, "kinesis:GetRecords", "x", c), Decision::kAllow);
  EXPECT_EQ(evaluate({policy}, "kinesis:PutRecord", "arn:aws:kinesis:r:1:stream/alice-ctr", c),
            Decision::kAllow);
  EXPECT_EQ(evaluate({policy}, "kinesis:PutRecord", "arn:aws:kinesis:r:1:stream/bob-ctr", c),
            Decision::kImplicitDeny);
  c.set("aws:SecureTransport", std::string("false"));
  EXPECT_EQ(evaluate({policy}, "kinesis:GetRecords", "x", c), Decision::kImplicitDeny);
  // No username in the context: the variable matches nothing.
  EXPECT_EQ(evaluate({policy}, "kinesis:PutRecord", "arn:aws:kinesis:r:1:stream/-ctr", {}),
            Decision::kImplicitDeny);
}

}  // namespace
}  // namespace kinesisd::iam
