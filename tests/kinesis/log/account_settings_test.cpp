#include "kinesis/log/account_settings.hpp"

#include <gtest/gtest.h>

namespace kinesisd::log {

TEST(AccountSettings, CommitmentStartsDisabled) {
  AccountSettings s;
  const auto c = s.commitment("us-east-1", 0);
  EXPECT_EQ(c.status, CommitmentStatus::kDisabled);
  EXPECT_FALSE(c.started_ms);
}

TEST(AccountSettings, DisablingInsideTheWindowRunsToItsEnd) {
  AccountSettings s;
  auto c = s.set_commitment("r", true, 1000);
  EXPECT_EQ(c.status, CommitmentStatus::kEnabled);
  EXPECT_EQ(*c.earliest_allowed_end_ms, 1000 + kCommitmentWindowMs);
  c = s.set_commitment("r", false, 2000);
  EXPECT_EQ(c.status, CommitmentStatus::kEnabledUntilEarliestAllowedEnd);
  EXPECT_EQ(*c.ended_ms, 1000 + kCommitmentWindowMs);
  EXPECT_EQ(s.commitment("r", 1000 + kCommitmentWindowMs).status, CommitmentStatus::kDisabled);
  EXPECT_EQ(s.commitment("other-region", 2000).status, CommitmentStatus::kDisabled);
}

TEST(AccountSettings, ReEnablingKeepsOrRestartsTheWindow) {
  AccountSettings s;
  s.set_commitment("r", true, 0);
  s.set_commitment("r", false, 10);
  auto c = s.set_commitment("r", true, 20);  // inside the window: the same commitment
  EXPECT_EQ(c.status, CommitmentStatus::kEnabled);
  EXPECT_EQ(*c.started_ms, 0);
  c = s.set_commitment("r", false, kCommitmentWindowMs + 5);  // past the window: ends now
  EXPECT_EQ(c.status, CommitmentStatus::kDisabled);
  EXPECT_EQ(*c.ended_ms, kCommitmentWindowMs + 5);
  c = s.set_commitment("r", true, kCommitmentWindowMs + 10);  // a new window
  EXPECT_EQ(*c.started_ms, kCommitmentWindowMs + 10);
}

}  // namespace kinesisd::log
