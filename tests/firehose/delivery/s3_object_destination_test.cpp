#include "firehose/delivery/s3_object_destination.hpp"

#include <gtest/gtest.h>

#include "firehose/delivery/object_key.hpp"
#include "tests/firehose/delivery/fake_object_store.hpp"

namespace kinesisd::delivery {
namespace {

struct Batch {
  std::vector<BufferedRecord> in;
  std::vector<OutgoingRecord> out;
  std::map<std::string, std::vector<const OutgoingRecord*>> partitions;
  explicit Batch(std::vector<std::pair<std::string, std::string>> records) {  // prefix, data
    for (size_t i = 0; i < records.size(); ++i)
      in.push_back({"id" + std::to_string(i), records[i].second, 1000 + int64_t(i), {}});
    for (const auto& r : in) out.push_back({&r, r.data});
    for (size_t i = 0; i < records.size(); ++i) partitions[records[i].first].push_back(&out[i]);
  }
};

TEST(S3ObjectDestination, ABufferIsOneObjectUnderThePrefix) {
  FakeObjectStore store;
  S3Destination s3;
  s3.bucket = "lake";
  s3.prefix = "ctr/";
  const std::string name = "archive";
  const auto context = store.context();
  const ObjectWriter objects(context, s3);
  S3ObjectDestination destination(s3, objects, name);
  Batch batch({{"", "a\n"}, {"", "b\n"}});
  const auto out = destination.put({batch.out, batch.partitions, 1000, 3});
  EXPECT_EQ(out.delivered, 2u);
  EXPECT_EQ(out.objects, 1u);
  EXPECT_TRUE(out.failed.documents.empty());
  EXPECT_EQ(store.like("lake/" + object_key("ctr/", name, 3, 1000)), "a\nb\n");
}

TEST(S3ObjectDestination, EachPartitionIsAnObjectOfItsOwn) {
  FakeObjectStore store;
  S3Destination s3;
  s3.bucket = "lake";
  s3.dynamic_partitioning = true;
  const std::string name = "archive";
  const auto context = store.context();
  const ObjectWriter objects(context, s3);
  S3ObjectDestination destination(s3, objects, name);
  Batch batch({{"queue=a/", "1"}, {"queue=b/", "2"}, {"queue=a/", "3"}});
  const auto out = destination.put({batch.out, batch.partitions, 1000, 1});
  EXPECT_EQ(out.delivered, 3u);
  EXPECT_EQ(out.objects, 2u);
  EXPECT_EQ(store.like("lake/" + partitioned_object_key("queue=a/", name, 1, 1000)), "13");
  EXPECT_EQ(store.like("lake/" + partitioned_object_key("queue=b/", name, 1, 1001)), "2");
}

TEST(S3ObjectDestination, AnObjectNotWrittenIsNotDelivered) {
  FakeObjectStore store;
  store.refusals = 1000;
  S3Destination s3;
  const std::string name = "archive";
  const auto context = store.context(0);
  const ObjectWriter objects(context, s3);
  S3ObjectDestination destination(s3, objects, name);
  Batch batch({{"", "a"}, {"", "b"}});
  const auto out = destination.put({batch.out, batch.partitions, 1000, 1});
  EXPECT_EQ(out.delivered, 0u);
  EXPECT_EQ(out.objects, 0u);
}

}  // namespace
}  // namespace kinesisd::delivery
