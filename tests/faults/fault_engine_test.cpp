#include "faults/fault_engine.hpp"

#include <gtest/gtest.h>

namespace kinesisd::faults {
namespace {

using nlohmann::json;

FaultEngine engine() {
  return FaultEngine(Vocabulary{[](std::string_view) { return true; },
                                [](std::string_view) -> std::optional<int> { return 500; }});
}

std::vector<bool> fire_pattern(FaultEngine& e, int calls) {
  std::vector<bool> out;
  for (int i = 0; i < calls; ++i)
    out.push_back(e.on_call({"PutRecord", "orders", "shardId-000000000000"}).fault.has_value());
  return out;
}

TEST(FaultEngine, ASeedRepeatsTheSameCalls) {
  auto a = engine(), b = engine();
  const json rule{{"operation", "PutRecord"}, {"probability", 0.3}, {"seed", 7}, {"error", "X"}};
  a.add(rule);
  b.add(rule);
  const auto pa = fire_pattern(a, 200), pb = fire_pattern(b, 200);
  EXPECT_EQ(pa, pb);
  const auto fired = std::count(pa.begin(), pa.end(), true);
  EXPECT_GT(fired, 35);
  EXPECT_LT(fired, 85);
}

TEST(FaultEngine, CountAndEvery) {
  auto e = engine();
  e.add(json{{"operation", "PutRecord"}, {"count", 2}, {"error", "X"}});
  EXPECT_EQ(fire_pattern(e, 4), (std::vector<bool>{true, true, false, false}));
  e.clear();
  e.add(json{{"operation", "PutRecord"}, {"every", 3}, {"error", "X"}});
  EXPECT_EQ(fire_pattern(e, 6), (std::vector<bool>{false, false, true, false, false, true}));
  EXPECT_EQ(e.list()[0]["matched"], 6);
  EXPECT_EQ(e.list()[0]["fired"], 2);
}

TEST(FaultEngine, MatchesOperationStreamAndShard) {
  auto e = engine();
  e.add(json{
      {"operation", "*"}, {"stream", "orders"}, {"shard", "shardId-000000000001"}, {"error", "X"}});
  EXPECT_FALSE(e.on_call({"PutRecord", "orders", "shardId-000000000000"}).fault);
  EXPECT_FALSE(e.on_call({"PutRecord", "other", "shardId-000000000001"}).fault);
  EXPECT_TRUE(e.on_call({"GetRecords", "orders", "shardId-000000000001"}).fault);
}

TEST(FaultEngine, LatenciesAddUpAndTheFirstOtherEffectDecides) {
  auto e = engine();
  const auto ids = e.add(json::array(
      {json{{"operation", "*"}, {"latency_ms", 30}}, json{{"operation", "*"}, {"latency_ms", 20}},
       json{{"operation", "*"}, {"drop", true}}, json{{"operation", "*"}, {"error", "X"}}}));
  ASSERT_EQ(ids.size(), 4u);
  const auto d = e.on_call({"ListStreams", "", ""});
  EXPECT_EQ(d.latency_ms, 50);
  ASSERT_TRUE(d.fault);
  EXPECT_EQ(d.fault->effect, Effect::kDrop);
  EXPECT_EQ(e.list()[3]["matched"], 0);  // not tried
  EXPECT_TRUE(e.remove(ids[2]));
  EXPECT_FALSE(e.remove(ids[2]));
  EXPECT_EQ(e.on_call({"ListStreams", "", ""}).fault->effect, Effect::kError);
}

TEST(FaultEngine, AListIsAddedWholeOrNotAtAllAndItsErrorNamesTheItem) {
  auto e = engine();
  try {
    e.add(json::array({json{{"operation", "*"}, {"drop", true}}, json{{"operation", "*"}}}));
    FAIL();
  } catch (const RuleError& err) {
    EXPECT_EQ(err.key, "[1].error");
  }
  EXPECT_FALSE(e.active());
  EXPECT_TRUE(e.list().empty());
}

TEST(FaultEngine, HandlerFaultsMatchTheFunctionOnly) {
  auto e = engine();
  e.add(json{{"function", "enrich"}, {"handler_error", "throttle"}, {"count", 1}});
  EXPECT_FALSE(e.on_call({"PutRecord", "", ""}).fault);
  EXPECT_FALSE(e.on_invoke("other"));
  const auto f = e.on_invoke("enrich");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->handler_error, HandlerError::kThrottle);
  EXPECT_FALSE(e.on_invoke("enrich"));
  const auto injected = e.injected();
  ASSERT_EQ(injected.size(), 1u);
  EXPECT_EQ(injected[0].first.second, "enrich");
  EXPECT_EQ(injected[0].second, 1u);
}

}  // namespace
}  // namespace kinesisd::faults
