#include "protocol/model.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace kinesisd::protocol {
namespace {

// Patterns compile on first use, so a Java construct the translation to
// ECMAScript misses would surface only when a request reaches it: compile
// and run every pattern of every embedded model here instead.
TEST(Model, EveryPatternOfEveryModelCompiles) {
  for (const Model* model : {&Model::kinesis(), &Model::firehose(), &Model::lambda()}) {
    const auto patterns = model->patterns();
    EXPECT_FALSE(patterns.empty());
    for (const Pattern* p : patterns) EXPECT_NO_THROW(p->matches("x")) << p->source();
  }
}

TEST(Model, APatternMatchesFromManyThreadsAtOnce) {
  const Pattern p("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
  std::vector<std::thread> threads;
  std::atomic<int> matched{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      if (p.matches("arn:aws:kinesis:us-east-1:123456789012:stream/s")) ++matched;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(matched.load(), 4);
  EXPECT_FALSE(p.matches("arn:aws:kinesis:us-east-1:12:stream/s"));
}

}  // namespace
}  // namespace kinesisd::protocol
