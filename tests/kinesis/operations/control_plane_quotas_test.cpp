#include "kinesis/operations/control_plane_quotas.hpp"

#include <gtest/gtest.h>

namespace kinesisd::operations {
namespace {

TEST(ControlPlaneQuotas, PerAccountWithAwsMessage) {
  ControlPlaneQuotas q;
  const std::string streams[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
  for (const auto& s : streams)
    EXPECT_FALSE(q.admit("DescribeStream", "123456789012", "us-east-1", s, 0));
  const auto refused = q.admit("DescribeStream", "123456789012", "us-east-1", "other", 0);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->type, "LimitExceededException");
  EXPECT_EQ(refused->message, "Rate exceeded for account 123456789012.");
  EXPECT_FALSE(q.admit("DescribeStream", "123456789012", "eu-west-1", "s", 0));  // per region
  EXPECT_FALSE(q.admit("DescribeStream", "123456789012", "us-east-1", "s", 100));
}

// botocore#821 recorded AWS's text for a per-stream quota.
TEST(ControlPlaneQuotas, PerStreamWithAwsMessage) {
  ControlPlaneQuotas q;
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(q.admit("ListStreamConsumers", "1", "r", "a", 0));
  const auto refused = q.admit("ListStreamConsumers", "1", "r", "a", 0);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->message, "Rate exceeded for stream a under account 1.");
  EXPECT_FALSE(q.admit("ListStreamConsumers", "1", "r", "b", 0));
}

TEST(ControlPlaneQuotas, OperationsWithoutAQuotaAreNeverRefused) {
  ControlPlaneQuotas q;
  for (int i = 0; i < 10000; ++i) ASSERT_FALSE(q.admit("PutRecords", "1", "r", "a", 0));
}

}  // namespace
}  // namespace kinesisd::operations
