#include <gtest/gtest.h>

#include "buckets/s3_directory.hpp"
#include "firehose/operations/catalog.hpp"
#include "tests/storage/temp_dir.hpp"

namespace kinesisd::firehose {
namespace {

struct Firehose {
  log::OffsetClock clock;
  kinesisd::testing::TempDir dir;
  buckets::S3Directory s3{dir.path()};
  delivery::DeliveryRegistry registry{delivery::DeliveryWorld{clock, &s3}};
  Settings settings{"000000000000", 500, 500, true, ""};
  Context ctx{registry, settings, "us-east-1"};
  Output call(Output (*op)(Context&, const json&), const json& in) {
    ctx.now_ms = clock.now_ms();
    return op(ctx, in);
  }
  static json s3_destination() {
    return {{"RoleARN", "arn:aws:iam::000000000000:role/firehose"},
            {"BucketARN", "arn:aws:s3:::lake"}};
  }
};

std::string error_type(const Output& out) { return out.ok() ? "" : out.error().type; }

TEST(DeliveryStreams, CreatingThenActiveThenGone) {
  Firehose f;
  const auto created = f.call(create_delivery_stream,
                              {{"DeliveryStreamName", "ctr"},
                               {"ExtendedS3DestinationConfiguration", Firehose::s3_destination()}});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created.value().doc.at("DeliveryStreamARN"),
            "arn:aws:firehose:us-east-1:000000000000:deliverystream/ctr");
  auto status = [&] {
    return f.call(describe_delivery_stream, {{"DeliveryStreamName", "ctr"}})
        .value()
        .doc.at("DeliveryStreamDescription")
        .at("DeliveryStreamStatus");
  };
  EXPECT_EQ(status(), "CREATING");
  f.clock.advance(500);
  EXPECT_EQ(status(), "ACTIVE");
  EXPECT_EQ(error_type(f.call(create_delivery_stream, {{"DeliveryStreamName", "ctr"},
                                                       {"ExtendedS3DestinationConfiguration",
                                                        Firehose::s3_destination()}})),
            "ResourceInUseException");
  const auto listed = f.call(list_delivery_streams, json::object());
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed.value().doc.at("DeliveryStreamNames"), json::array({"ctr"}));
  ASSERT_TRUE(f.call(delete_delivery_stream, {{"DeliveryStreamName", "ctr"}}).ok());
  f.clock.advance(500);
  EXPECT_EQ(error_type(f.call(describe_delivery_stream, {{"DeliveryStreamName", "ctr"}})),
            "ResourceNotFoundException");
}

TEST(DeliveryStreams, WithoutAnS3TheDestinationIsRefusedByName) {
  Firehose f;
  f.settings.has_s3 = false;
  const auto out = f.call(create_delivery_stream,
                          {{"DeliveryStreamName", "ctr"},
                           {"ExtendedS3DestinationConfiguration", Firehose::s3_destination()}});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().type, "InvalidArgumentException");
  EXPECT_NE(out.error().message.find("--s3-dir"), std::string::npos);
}

}  // namespace
}  // namespace kinesisd::firehose
