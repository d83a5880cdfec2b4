#include "faults/fault_rule.hpp"

#include <gtest/gtest.h>

namespace kinesisd::faults {
namespace {

using nlohmann::json;

Vocabulary vocabulary() {
  return {[](std::string_view op) { return op == "PutRecord" || op == "PutRecords"; },
          [](std::string_view type) -> std::optional<int> {
            if (type == "InternalFailure") return 500;
            if (type == "ProvisionedThroughputExceededException") return 400;
            return std::nullopt;
          }};
}

std::string refused_key(const json& doc) {
  try {
    parse_rule(doc, vocabulary());
  } catch (const RuleError& e) {
    return e.key;
  }
  return "(accepted)";
}

TEST(FaultRule, ReadsTheIssuesExample) {
  const auto r = parse_rule(json::parse(R"({"operation": "PutRecord", "stream": "orders",
      "shard": "shardId-000000000000", "probability": 0.3, "seed": 7, "error": "InternalFailure"})"),
                            vocabulary());
  EXPECT_EQ(r.operation, "PutRecord");
  EXPECT_EQ(*r.stream, "orders");
  EXPECT_EQ(*r.shard, "shardId-000000000000");
  EXPECT_DOUBLE_EQ(*r.probability, 0.3);
  EXPECT_EQ(*r.seed, 7u);
  EXPECT_EQ(r.effect, Effect::kError);
  EXPECT_EQ(r.status, 500);
}

TEST(FaultRule, EachEffect) {
  EXPECT_EQ(parse_rule(json{{"operation", "*"}, {"latency_ms", 50}}, vocabulary()).effect,
            Effect::kLatency);
  EXPECT_EQ(parse_rule(json{{"operation", "*"}, {"drop", true}}, vocabulary()).effect,
            Effect::kDrop);
  const auto partial =
      parse_rule(json{{"operation", "PutRecords"}, {"partial", 0.5}, {"error", "InternalFailure"}},
                 vocabulary());
  EXPECT_EQ(partial.effect, Effect::kPartial);
  EXPECT_EQ(partial.error, "InternalFailure");
  const auto handler = parse_rule(
      json{{"function", "enrich"}, {"handler_error", "timeout"}, {"count", 2}}, vocabulary());
  EXPECT_EQ(handler.effect, Effect::kHandler);
  EXPECT_EQ(handler.handler_error, HandlerError::kTimeout);
  EXPECT_EQ(*handler.count, 2u);
}

TEST(FaultRule, RefusalsNameTheKey) {
  EXPECT_EQ(refused_key(json{{"operation", "*"}, {"error", "InternalFailure"}, {"colour", 1}}),
            "colour");
  EXPECT_EQ(refused_key(json{{"operation", "Nope"}, {"error", "InternalFailure"}}), "operation");
  EXPECT_EQ(refused_key(json{{"operation", "*"}, {"error", "NoSuchError"}}), "error");
  EXPECT_EQ(refused_key(json{{"operation", "*"}}), "error");  // no effect
  EXPECT_EQ(refused_key(json{{"operation", "*"}, {"error", "InternalFailure"}, {"drop", true}}),
            "drop");
  EXPECT_EQ(refused_key(json{{"operation", "PutRecord"}, {"partial", 0.5}}), "partial");
  EXPECT_EQ(
      refused_key(
          json{{"operation", "PutRecords"}, {"partial", 0.5}, {"error", "LimitExceededException"}}),
      "error");
  EXPECT_EQ(refused_key(json{{"operation", "*"}, {"drop", true}, {"count", 1}, {"every", 2}}),
            "count");
  EXPECT_EQ(refused_key(json{{"operation", "*"}, {"drop", true}, {"seed", -1}}), "seed");
  EXPECT_EQ(refused_key(json{{"operation", "*"}, {"drop", true}, {"probability", 1.5}}),
            "probability");
  EXPECT_EQ(refused_key(json{{"function", "f"}, {"operation", "*"}, {"handler_error", "throttle"}}),
            "operation");
  EXPECT_EQ(refused_key(json{{"function", "f"}, {"error", "InternalFailure"}}), "error");
  EXPECT_EQ(refused_key(json{{"operation", "*"}, {"handler_error", "timeout"}}), "handler_error");
  EXPECT_EQ(refused_key(json{{"function", "f"}, {"handler_error", "slow"}}), "handler_error");
  EXPECT_EQ(refused_key(json{{"operation", "*"}, {"latency_ms", 10}, {"message", "m"}}), "message");
  EXPECT_EQ(refused_key(json::array()), "rule");
}

}  // namespace
}  // namespace kinesisd::faults
