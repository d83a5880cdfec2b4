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
  const auto context = store.context();
  ObjectWriter writer(context, s3);
  ASSERT_TRUE(writer.write("2026/12/07/03/ctr-1-x", "hello"));
  ASSERT_EQ(store.objects.size(), 1u);
  const auto& [key, bytes] = *store.objects.begin();
  EXPECT_EQ(key, "lake/2026/12/07/03/ctr-1-x.gz");
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 0x1f);
  EXPECT_EQ(store.encodings.at(key), "gzip");  // Content-Encoding, as Firehose sets it
}

TEST(ObjectWriter, RecordsTakeTheFileExtensionErrorsKeepTheCompressions) {
  FakeObjectStore store;
  S3Destination s3;
  s3.bucket = "b";
  s3.compression = "GZIP";
  s3.file_extension = ".json.gz";
  const auto context = store.context();
  ASSERT_TRUE(ObjectWriter(context, s3).write("data", "x"));
  ASSERT_TRUE(ObjectWriter(context, s3).write("errors", "y", ObjectWriter::Kind::kErrors));
  EXPECT_EQ(store.objects.count("b/data.json.gz"), 1u);
  EXPECT_EQ(store.objects.count("b/errors.gz"), 1u);
}

TEST(ObjectWriter, RetriesARefusedWrite) {
  FakeObjectStore store;
  store.refusals = 2;
  S3Destination s3;
  s3.bucket = "b";
  const auto context = store.context(5);
  ASSERT_TRUE(ObjectWriter(context, s3).write("k", "v"));
  EXPECT_EQ(store.attempts, 3);
  EXPECT_EQ(store.objects.at("b/k"), "v");
}

TEST(ObjectWriter, GivesUpWhenItsPolicyDoes) {
  FakeObjectStore store;
  store.refusals = 100;
  S3Destination s3;
  auto context = store.context(3);
  EXPECT_FALSE(ObjectWriter(context, s3).write("k", "v"));
  EXPECT_EQ(store.attempts, 4);  // the first and 3 retries
  context.retry = nullptr;       // no policy: one attempt
  EXPECT_FALSE(ObjectWriter(context, s3).write("k", "v"));
  EXPECT_EQ(store.attempts, 5);
}

TEST(ObjectWriter, WithoutAStoreNothingIsWrittenAndNothingFails) {
  S3Destination s3;
  const ObjectWriterContext context{};
  EXPECT_TRUE(ObjectWriter(context, s3).write("k", "v"));
}

}  // namespace
}  // namespace kinesisd::delivery
