#include "kinesis/log/consumer_registry.hpp"

#include <gtest/gtest.h>

namespace kinesisd::log {
namespace {

// Appends instead of operator+ (GCC 12 -Wrestrict false positive at -O3).
std::string name(int i) {
  std::string n = "c";
  n.append(std::to_string(i));
  return n;
}

// RegisterStreamConsumer's steps: the check, then the edit.
ConsumerRegistry::Refusal add(ConsumerRegistry& r, const std::string& n, int64_t now,
                              int64_t ready_delay, Consumer* out) {
  const auto refusal = r.can_register(n, now, out);
  if (refusal != ConsumerRegistry::Refusal::kNone) return refusal;
  StreamEdit edit;
  edit.consumer_registered = Consumer{n, "arn:" + n, now, now + ready_delay, {}, 0, {}, {}};
  r.apply(edit);
  *out = *edit.consumer_registered;
  return refusal;
}

void remove(ConsumerRegistry& r, const std::string& n, int64_t now, int64_t delay) {
  StreamEdit edit;
  edit.consumer_deregistered = StreamEdit::ConsumerDeregistration{n, now, now + delay};
  r.apply(edit);
}

TEST(ConsumerRegistry, HoldsTwentyAndCreatesFiveAtOnce) {
  ConsumerRegistry reg;
  using R = ConsumerRegistry::Refusal;
  Consumer out;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(add(reg, name(i), 0, 10, &out), R::kNone);
  EXPECT_EQ(add(reg, "c5", 5, 10, &out), R::kTooManyCreating);
  EXPECT_EQ(add(reg, "c0", 5, 10, &out), R::kExists);
  EXPECT_EQ(out.name, "c0");
  for (int i = 5; i < 20; ++i) EXPECT_EQ(add(reg, name(i), 100 * i, 10, &out), R::kNone);
  EXPECT_EQ(add(reg, "c20", 5000, 10, &out), R::kTooMany);
  EXPECT_EQ(reg.count(5000), 20u);

  // A deregistered consumer stops counting once gone, and its name is free again.
  remove(reg, "c3", 5000, 100);
  EXPECT_EQ(reg.find("c3", 5050)->status(5050), ConsumerStatus::kDeleting);
  EXPECT_FALSE(reg.find("c3", 5100));
  EXPECT_EQ(add(reg, "c3", 6000, 10, &out), R::kNone);
  EXPECT_NE(out.arn, "");
  EXPECT_EQ(reg.find("c3", 6000)->created_ms, 6000);
}

TEST(ConsumerRegistry, TagsChangeByEdit) {
  ConsumerRegistry reg;
  Consumer out;
  add(reg, "c", 0, 0, &out);
  StreamEdit edit;
  edit.consumer_tags = StreamEdit::ConsumerTags{"c", {{"a", "1"}, {"b", "2"}}, {}};
  reg.apply(edit);
  edit.consumer_tags = StreamEdit::ConsumerTags{"c", {}, {"a"}};
  reg.apply(edit);
  EXPECT_EQ(reg.find("c", 0)->tags, (Tags{{"b", "2"}}));
}

}  // namespace
}  // namespace kinesisd::log
