#include "iam/resource_policy.hpp"

#include <gtest/gtest.h>

namespace kinesisd::iam {
namespace {

using nlohmann::json;

ResourcePolicy policy(const json& statement) {
  return parse_resource_policy(json{{"Statement", statement}});
}

const Principal kBob{"111122223333", "arn:aws:iam::111122223333:user/bob"};
constexpr std::string_view kStream = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

}  // namespace

TEST(ResourcePolicy, NamesTheCallerItsAccountOrAnyone) {
  const auto allow = [](const json& principal) {
    return evaluate(policy({{"Effect", "Allow"},
                            {"Principal", principal},
                            {"Action", "kinesis:Get*"},
                            {"Resource", "*"}}),
                    kBob, "kinesis:GetRecords", kStream)
        .grant;
  };
  EXPECT_EQ(allow("*"), Grant::kPrincipal);
  EXPECT_EQ(allow({{"AWS", "*"}}), Grant::kPrincipal);
  EXPECT_EQ(allow({{"AWS", kBob.arn}}), Grant::kPrincipal);
  EXPECT_EQ(allow({{"AWS", "111122223333"}}), Grant::kAccount);
  EXPECT_EQ(allow({{"AWS", json::array({"999999999999", "arn:aws:iam::111122223333:root"})}}),
            Grant::kAccount);
  EXPECT_EQ(allow({{"AWS", "arn:aws:iam::111122223333:user/carol"}}), Grant::kNone);
  EXPECT_EQ(allow({{"Service", "firehose.amazonaws.com"}}), Grant::kNone);
}

TEST(ResourcePolicy, ActionResourceAndDeny) {
  const auto p = policy(json::array(
      {{{"Effect", "Allow"}, {"Principal", "*"}, {"Action", "kinesis:*"}, {"Resource", kStream}},
       {{"Effect", "Deny"},
        {"Principal", {{"AWS", "111122223333"}}},
        {"Action", "kinesis:PutRecord"},
        {"Resource", "*"}}}));
  EXPECT_EQ(evaluate(p, kBob, "kinesis:GetRecords", kStream).grant, Grant::kPrincipal);
  EXPECT_EQ(evaluate(p, kBob, "kinesis:GetRecords", "arn:aws:kinesis:us-east-1:0:stream/t").grant,
            Grant::kNone);
  EXPECT_TRUE(evaluate(p, kBob, "kinesis:PutRecord", kStream).explicit_deny);
  const Principal alice{"000000000000", "arn:aws:iam::000000000000:user/alice"};
  EXPECT_FALSE(evaluate(p, alice, "kinesis:PutRecord", kStream).explicit_deny);
}

TEST(ResourcePolicy, NotPrincipalAppliesToEveryoneElse) {
  const auto p = policy({{"Effect", "Deny"},
                         {"NotPrincipal", {{"AWS", kBob.arn}}},
                         {"Action", "*"},
                         {"Resource", "*"}});
  EXPECT_FALSE(evaluate(p, kBob, "kinesis:GetRecords", kStream).explicit_deny);
  EXPECT_TRUE(
      evaluate(p, {"1", "arn:aws:iam::1:user/x"}, "kinesis:GetRecords", kStream).explicit_deny);
}

TEST(ResourcePolicy, RefusesWhatIsNotAResourcePolicy) {
  EXPECT_THROW(policy({{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}}), PolicyError);
  EXPECT_THROW(
      policy({{"Effect", "Allow"}, {"Principal", "me"}, {"Action", "*"}, {"Resource", "*"}}),
      PolicyError);
  EXPECT_THROW(policy({{"Effect", "Allow"},
                       {"Principal", {{"Robot", "x"}}},
                       {"Action", "*"},
                       {"Resource", "*"}}),
               PolicyError);
  EXPECT_THROW(parse_resource_policy(json::array()), PolicyError);
}

}  // namespace kinesisd::iam
