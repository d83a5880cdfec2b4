// UpdateStreamWarmThroughput and its rules, shared with UpdateStreamMode
// (operations/warm_throughput.cpp, operations/update_stream_mode.cpp,
// operations/record_distribution.cpp, operations/account_settings.cpp).
#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

struct Modes : testing::Operations {
  // An ON_DEMAND stream, ACTIVE.
  void on_demand(const std::string& name) {
    EXPECT_EQ(error(create_stream, {{"StreamName", name}}), "");
    clock.advance(500);
  }
  void commit(bool enabled) {
    EXPECT_EQ(error(update_account_settings, {{"MinimumThroughputBillingCommitment",
                                               {{"Status", enabled ? "ENABLED" : "DISABLED"}}}}),
              "");
  }
  json warm(const std::string& name) {
    return answer(describe_stream_summary, {{"StreamName", name}})
        .at("StreamDescriptionSummary")
        .value("WarmThroughput", json(nullptr));
  }
};

TEST(WarmThroughput, NeedsOnDemandAndTheBillingCommitment) {
  Modes m;
  m.stream("p");  // PROVISIONED
  m.on_demand("d");
  EXPECT_EQ(
      m.message(update_stream_warm_throughput, {{"StreamName", "p"}, {"WarmThroughputMiBps", 10}}),
      "Warm throughput is only supported for streams in ON_DEMAND mode.");
  EXPECT_EQ(
      m.message(update_stream_warm_throughput, {{"StreamName", "d"}, {"WarmThroughputMiBps", 10}}),
      "Warm throughput requires the account's MinimumThroughputBillingCommitment to be "
      "enabled.");
  m.commit(true);
  EXPECT_EQ(m.answer(describe_account_settings, json::object())
                .at("MinimumThroughputBillingCommitment")
                .at("Status"),
            "ENABLED");
  EXPECT_EQ(
      m.error(update_stream_warm_throughput, {{"StreamName", "d"}, {"WarmThroughputMiBps", 10241}}),
      "LimitExceededException");
}

TEST(WarmThroughput, CurrentReachesTheTargetWhenActive) {
  Modes m;
  m.on_demand("d");
  m.commit(true);
  EXPECT_EQ(
      m.answer(update_stream_warm_throughput, {{"StreamName", "d"}, {"WarmThroughputMiBps", 100}})
          .at("WarmThroughput"),
      json({{"TargetMiBps", 100}, {"CurrentMiBps", 0}}));
  EXPECT_EQ(m.warm("d"), json({{"TargetMiBps", 100}, {"CurrentMiBps", 0}}));  // UPDATING
  m.clock.advance(500);
  EXPECT_EQ(m.warm("d"), json({{"TargetMiBps", 100}, {"CurrentMiBps", 100}}));
}

TEST(UpdateStreamMode, BothWaysAndWhatAProvisionedStreamCannotKeep) {
  Modes m;
  m.stream("s", 2);
  EXPECT_EQ(m.error(update_stream_mode,
                    {{"StreamARN", m.store.find("000000000000", "us-east-1", "s")->arn()},
                     {"StreamModeDetails", {{"StreamMode", "ON_DEMAND"}}}}),
            "");
  EXPECT_EQ(m.message(update_stream_mode, {{"StreamName", "s"},
                                           {"StreamModeDetails", {{"StreamMode", "PROVISIONED"}}}}),
            "Stream s under account 000000000000 not ACTIVE, instead in state UPDATING");
  m.clock.advance(500);
  const auto meta = m.store.find("000000000000", "us-east-1", "s")->meta();
  EXPECT_EQ(meta.mode, log::StreamMode::kOnDemand);
  EXPECT_EQ(m.store.find("000000000000", "us-east-1", "s")->shards().size(), 2u);  // kept
  // AUTO distribution holds only on ON_DEMAND: back to PROVISIONED is refused while it is set.
  EXPECT_EQ(m.error(update_stream_record_distribution_strategy,
                    {{"StreamName", "s"}, {"RecordDistributionStrategy", "AUTO"}}),
            "");
  EXPECT_EQ(m.message(update_stream_mode, {{"StreamName", "s"},
                                           {"StreamModeDetails", {{"StreamMode", "PROVISIONED"}}}}),
            "The record distribution strategy AUTO is supported only for streams in the "
            "ON_DEMAND capacity mode (stream s).");
  EXPECT_EQ(m.error(update_stream_record_distribution_strategy,
                    {{"StreamName", "s"}, {"RecordDistributionStrategy", "USER_PARTITION_KEY"}}),
            "");
  // Warm throughput goes with ON_DEMAND.
  m.commit(true);
  EXPECT_EQ(
      m.error(update_stream_warm_throughput, {{"StreamName", "s"}, {"WarmThroughputMiBps", 50}}),
      "");
  m.clock.advance(500);
  EXPECT_EQ(m.error(update_stream_mode,
                    {{"StreamName", "s"}, {"StreamModeDetails", {{"StreamMode", "PROVISIONED"}}}}),
            "");
  m.clock.advance(500);
  EXPECT_EQ(m.store.find("000000000000", "us-east-1", "s")->meta().warm_throughput_mibps, 0);
  EXPECT_EQ(m.warm("s"), nullptr);
}

}  // namespace
}  // namespace kinesisd::operations
