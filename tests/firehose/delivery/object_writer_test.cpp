#include "firehose/delivery/object_writer.hpp"

#include <gtest/gtest.h>

#include "tests/firehose/delivery/fake_object_store.hpp"

namespace kinesisd::delivery {
namespace {

TEST(ObjectWriter, CompressesAndNamesTheObjectAsTheDestinationSays) {
  FakeObjectStore store;
  S3Destination s3;
  s3.bucket = "lake";
  s3.compression = "GZIP";
  std::atomic<bool> cancel{false};
  const std::string name = "ctr";
  ObjectWriter writer(&store, s3, name, cancel);
  ASSERT_TRUE(writer.write("2026/12/07/03/ctr-1-x", "hello"));
  ASSERT_EQ(store.objects.size(), 1u);
  const auto& [key, bytes] = *store.objects.begin();
  EXPECT_EQ(key, "lake/2026/12/07/03/ctr-1-x.gz");
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 0x1f);
}

TEST(ObjectWriter, RetriesARefusedWrite) {
  FakeObjectStore store;
  store.refusals = 2;
  S3Destination s3;
  s3.bucket = "b";
  std::atomic<bool> cancel{false};
  const std::string name = "s";
  ASSERT_TRUE(ObjectWriter(&store, s3, name, cancel).write("k", "v"));
  EXPECT_EQ(store.attempts, 3);
  EXPECT_EQ(store.objects.at("b/k"), "v");
}

TEST(ObjectWriter, GivesUpAtOnceWhenTheStreamIsTornDown) {
  FakeObjectStore store;
  store.refusals = 100;
  S3Destination s3;
  std::atomic<bool> cancel{true};
  const std::string name = "s";
  EXPECT_FALSE(ObjectWriter(&store, s3, name, cancel).write("k", "v"));
  EXPECT_EQ(store.attempts, 1);
}

}  // namespace
}  // namespace kinesisd::delivery
