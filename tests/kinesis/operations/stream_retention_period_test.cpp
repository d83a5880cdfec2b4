#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

TEST(RetentionPeriod, BoundsAndDirection) {
  Operations o;
  o.store.create(log::StreamSpec{"us-east-1", "s", 1, {}, true});
  EXPECT_EQ(o.message(increase_stream_retention_period,
                      {{"StreamName", "s"}, {"RetentionPeriodHours", 8761}}),
            "Maximum allowed retention period is 8760 hours. Requested retention period (8761 "
            "hours) is too long.");
  EXPECT_EQ(o.error(increase_stream_retention_period,
                    {{"StreamName", "s"}, {"RetentionPeriodHours", 48}}),
            "");
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "s")->meta().retention_hours, 48);
  EXPECT_EQ(o.error(decrease_stream_retention_period,
                    {{"StreamName", "s"}, {"RetentionPeriodHours", 72}}),
            "InvalidArgumentException");  // longer than now: IncreaseRetentionPeriod's
}

}  // namespace
}  // namespace kinesisd::operations
