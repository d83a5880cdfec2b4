#include "iam/condition.hpp"

#include <gtest/gtest.h>

#include "iam/policy_error.hpp"

namespace kinesisd::iam {
namespace {

using nlohmann::json;

bool holds(const char* block, const RequestContext& c) {
  return conditions_hold(parse_conditions(json::parse(block), "Condition"), c);
}

RequestContext sample() {
  RequestContext c;
  c.set("aws:RequestedRegion", std::string("us-east-1"));
  c.set("aws:PrincipalArn", std::string("arn:aws:iam::111122223333:user/alice"));
  c.set("aws:SourceIp", std::string("127.0.0.1"));
  c.set("aws:SecureTransport", std::string("false"));
  c.set("aws:EpochTime", std::string("1780000000"));
  c.set("aws:CurrentTime", std::string("2026-05-28T20:26:40Z"));
  c.set("aws:TagKeys", std::vector<std::string>{"team", "cost"});
  c.set("aws:RequestTag/team", std::string("ctr"));
  return c;
}

TEST(Condition, StringOperatorsMatchAnyValueAndKeysCaseInsensitively) {
  const auto c = sample();
  EXPECT_TRUE(holds(R"({"StringEquals":{"AWS:requestedregion":["eu-west-1","us-east-1"]}})", c));
  EXPECT_FALSE(holds(R"({"StringEquals":{"aws:RequestedRegion":"US-EAST-1"}})", c));
  EXPECT_TRUE(holds(R"({"StringEqualsIgnoreCase":{"aws:RequestedRegion":"US-EAST-1"}})", c));
  EXPECT_TRUE(holds(R"({"StringLike":{"aws:RequestedRegion":"us-*-?"}})", c));
  EXPECT_FALSE(holds(R"({"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}})", c));
  EXPECT_TRUE(holds(R"({"StringNotLike":{"aws:RequestedRegion":"eu-*"}})", c));
  // Tag names after the '/' keep their case.
  EXPECT_TRUE(holds(R"({"StringEquals":{"aws:requesttag/team":"ctr"}})", c));
  EXPECT_FALSE(holds(R"({"StringEquals":{"aws:RequestTag/Team":"ctr"}})", c));
}

TEST(Condition, AMissingKeyFailsExceptNegatedIfExistsForAllValuesAndNull) {
  const auto c = sample();
  EXPECT_FALSE(holds(R"({"StringEquals":{"aws:SourceAccount":"1"}})", c));
  EXPECT_TRUE(holds(R"({"StringNotEquals":{"aws:SourceAccount":"1"}})", c));
  EXPECT_TRUE(holds(R"({"StringEqualsIfExists":{"aws:SourceAccount":"1"}})", c));
  EXPECT_FALSE(holds(R"({"StringEqualsIfExists":{"aws:RequestedRegion":"eu-west-1"}})", c));
  EXPECT_TRUE(holds(R"({"ForAllValues:StringEquals":{"aws:ResourceTag/x":"1"}})", c));
  EXPECT_FALSE(holds(R"({"ForAnyValue:StringEquals":{"aws:ResourceTag/x":"1"}})", c));
  EXPECT_TRUE(holds(R"({"Null":{"aws:SourceAccount":"true"}})", c));
  EXPECT_TRUE(holds(R"({"Null":{"aws:SourceIp":false}})", c));
  EXPECT_FALSE(holds(R"({"Null":{"aws:SourceIp":"true"}})", c));
}

TEST(Condition, SetQualifiersOverAMultiValuedKey) {
  const auto c = sample();
  EXPECT_TRUE(holds(R"({"ForAllValues:StringEquals":{"aws:TagKeys":["team","cost","env"]}})", c));
  EXPECT_FALSE(holds(R"({"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}})", c));
  EXPECT_TRUE(holds(R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["cost"]}})", c));
  EXPECT_FALSE(holds(R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}})", c));
}

TEST(Condition, NumbersDatesBooleansAddressesAndArns) {
  const auto c = sample();
  EXPECT_TRUE(holds(R"({"NumericGreaterThan":{"aws:EpochTime":1700000000}})", c));
  EXPECT_FALSE(holds(R"({"NumericLessThan":{"aws:EpochTime":"1700000000"}})", c));
  EXPECT_TRUE(holds(R"({"DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"}})", c));
  EXPECT_TRUE(holds(R"({"DateGreaterThanEquals":{"aws:CurrentTime":"2026-05-28"}})", c));
  EXPECT_TRUE(holds(R"({"DateEquals":{"aws:CurrentTime":"2026-05-28T22:26:40+02:00"}})", c));
  EXPECT_TRUE(holds(R"({"DateEquals":{"aws:EpochTime":"2026-05-28T20:26:40Z"}})", c));
  EXPECT_TRUE(holds(R"({"Bool":{"aws:SecureTransport":false}})", c));
  EXPECT_TRUE(holds(R"({"IpAddress":{"aws:SourceIp":["10.0.0.0/8","127.0.0.0/8"]}})", c));
  EXPECT_FALSE(holds(R"({"IpAddress":{"aws:SourceIp":"127.0.1.0/24"}})", c));
  EXPECT_TRUE(holds(R"({"NotIpAddress":{"aws:SourceIp":"::1/128"}})", c));
  EXPECT_TRUE(holds(R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/a*"}})", c));
  // Each of an ARN's parts on its own: a * does not run across a colon.
  EXPECT_FALSE(holds(R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:*:user/alice"}})", c));
  EXPECT_TRUE(holds(R"({"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::1:user/alice"}})", c));
}

TEST(Condition, EveryOperatorAndKeyMustHold) {
  const auto c = sample();
  EXPECT_TRUE(holds(R"({"StringEquals":{"aws:RequestedRegion":"us-east-1",
                                        "aws:RequestTag/team":"ctr"},
                        "Bool":{"aws:SecureTransport":"false"}})",
                    c));
  EXPECT_FALSE(holds(R"({"StringEquals":{"aws:RequestedRegion":"us-east-1",
                                         "aws:RequestTag/team":"agent"}})",
                     c));
}

TEST(Condition, ResourceTagsAreFetchedOnlyWhenAsked) {
  int fetched = 0;
  RequestContext c;
  c.resource_tags([&fetched] {
    ++fetched;
    return RequestContext::Tags{{"env", "prod"}};
  });
  EXPECT_TRUE(holds(R"({"StringLike":{"aws:username":"*"}})", c) == false);
  EXPECT_EQ(fetched, 0);
  EXPECT_TRUE(holds(R"({"StringEquals":{"aws:ResourceTag/env":"prod"}})", c));
  EXPECT_FALSE(holds(R"({"StringEquals":{"aws:ResourceTag/Env":"prod"}})", c));
  EXPECT_EQ(fetched, 1);
}

TEST(Condition, WhatIsNotAConditionIsRefused) {
  EXPECT_THROW(parse_conditions(json::parse(R"({"StringSortOf":{"k":"v"}})"), "C"), PolicyError);
  EXPECT_THROW(parse_conditions(json::parse(R"({"NullIfExists":{"k":"true"}})"), "C"), PolicyError);
  EXPECT_THROW(parse_conditions(json::parse(R"({"StringEquals":"v"})"), "C"), PolicyError);
  EXPECT_THROW(parse_conditions(json::parse(R"({"StringEquals":{"k":[]}})"), "C"), PolicyError);
  EXPECT_THROW(parse_conditions(json::parse(R"({"StringEquals":{"k":{"a":1}}})"), "C"),
               PolicyError);
}

TEST(Condition, PolicyVariables) {
  RequestContext c;
  c.set("aws:username", std::string("alice"));
  EXPECT_EQ(substitute_variables("stream/${aws:username}/${*}${?}${$}", c), "stream/alice/*?$");
  EXPECT_EQ(substitute_variables("stream/${aws:userid}", c), std::nullopt);
  EXPECT_TRUE(holds(R"({"StringEquals":{"aws:username":"${aws:username}"}})", c));
}

}  // namespace
}  // namespace kinesisd::iam
