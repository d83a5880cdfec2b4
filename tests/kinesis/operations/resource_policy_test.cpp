// Resource policies on a stream and on a consumer: kept as given once they
// parse as resource-based policies (operations/resource_policy.cpp).
#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

std::string policy(const std::string& resource) {
  return json({{"Version", "2012-10-17"},
               {"Statement",
                {{{"Effect", "Allow"},
                  {"Principal", {{"AWS", "arn:aws:iam::111122223333:root"}}},
                  {"Action", "kinesis:GetRecords"},
                  {"Resource", resource}}}}})
      .dump();
}

TEST(ResourcePolicy, PutGetDeleteOnAStream) {
  Operations o;
  const auto arn = o.stream("s")->arn();
  EXPECT_EQ(o.answer(get_resource_policy, {{"ResourceARN", arn}}), json({{"Policy", "{}"}}));
  EXPECT_EQ(o.error(put_resource_policy, {{"ResourceARN", arn}, {"Policy", policy(arn)}}), "");
  EXPECT_EQ(o.answer(get_resource_policy, {{"ResourceARN", arn}}), json({{"Policy", policy(arn)}}));
  EXPECT_EQ(o.error(delete_resource_policy, {{"ResourceARN", arn}}), "");
  EXPECT_EQ(o.message(delete_resource_policy, {{"ResourceARN", arn}}),
            "No resource policy found for resource ARN " + arn + ".");
}

TEST(ResourcePolicy, AConsumerHasItsOwn) {
  Operations o;
  const auto arn = o.stream("s")->arn();
  const auto consumer =
      o.answer(register_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", "c"}})
          .at("Consumer")
          .at("ConsumerARN")
          .get<std::string>();
  EXPECT_EQ(o.error(put_resource_policy, {{"ResourceARN", consumer}, {"Policy", policy(consumer)}}),
            "");
  EXPECT_EQ(o.answer(get_resource_policy, {{"ResourceARN", consumer}}).at("Policy"),
            policy(consumer));
  EXPECT_EQ(o.answer(get_resource_policy, {{"ResourceARN", arn}}).at("Policy"), "{}");
}

TEST(ResourcePolicy, OnlyResourceBasedPoliciesAreKept) {
  Operations o;
  const auto arn = o.stream("s")->arn();
  EXPECT_EQ(o.message(put_resource_policy, {{"ResourceARN", arn}, {"Policy", "not json"}}),
            "Policy is not a valid JSON policy document.");
  // An identity policy (no Principal) grants nothing on a resource: refused, not kept.
  const auto identity =
      json({{"Statement", {{{"Effect", "Allow"}, {"Action", "kinesis:*"}, {"Resource", arn}}}}})
          .dump();
  const auto message = o.message(put_resource_policy, {{"ResourceARN", arn}, {"Policy", identity}});
  EXPECT_EQ(message.rfind("Policy is not a valid resource-based policy: ", 0), 0u) << message;
  EXPECT_NE(message.find("needs Principal or NotPrincipal"), std::string::npos) << message;
  EXPECT_EQ(o.answer(get_resource_policy, {{"ResourceARN", arn}}).at("Policy"), "{}");
  EXPECT_EQ(o.error(get_resource_policy,
                    {{"ResourceARN", "arn:aws:kinesis:us-east-1:000000000000:stream/none"}}),
            "ResourceNotFoundException");
}

}  // namespace
}  // namespace kinesisd::operations
