#include "kinesis/log/consumer.hpp"

#include <gtest/gtest.h>

namespace kinesisd::log {
TEST(Consumer, StatesFollowTheClock) {
  Consumer c;
  c.ready_at_ms = 100;
  EXPECT_EQ(c.status(99), ConsumerStatus::kCreating);
  EXPECT_EQ(c.status(100), ConsumerStatus::kActive);
  c.deleting_at_ms = 200;
  c.gone_at_ms = 250;
  EXPECT_EQ(c.status(210), ConsumerStatus::kDeleting);
  EXPECT_FALSE(c.gone(249));
  EXPECT_TRUE(c.gone(250));
}

}  // namespace kinesisd::log
