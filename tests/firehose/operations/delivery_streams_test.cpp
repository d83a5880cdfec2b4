#include <gtest/gtest.h>

#include "tests/firehose/operations/firehose_testing.hpp"

namespace kinesisd::firehose {
namespace {

using testing::error_type;
using testing::Firehose;

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
