// Start/StopDeliveryStreamEncryption (firehose/operations/delivery_encryption.cpp):
// the setting is kept, described, and answered as Encrypted by puts.
#include <gtest/gtest.h>

#include "tests/firehose/operations/firehose_testing.hpp"

namespace kinesisd::firehose {
namespace {

using testing::Firehose;

TEST(DeliveryEncryption, KeptDescribedAndAnsweredByPuts) {
  Firehose f;
  testing::make_active(f, "d");
  ASSERT_TRUE(f.call(start_delivery_stream_encryption,
                     {{"DeliveryStreamName", "d"},
                      {"DeliveryStreamEncryptionConfigurationInput",
                       {{"KeyType", "CUSTOMER_MANAGED_CMK"},
                        {"KeyARN", "arn:aws:kms:us-east-1:000000000000:key/k"}}}})
                  .ok());
  const auto described = f.call(describe_delivery_stream, {{"DeliveryStreamName", "d"}});
  EXPECT_EQ(described.value()
                .doc.at("DeliveryStreamDescription")
                .at("DeliveryStreamEncryptionConfiguration"),
            json({{"Status", "ENABLED"},
                  {"KeyType", "CUSTOMER_MANAGED_CMK"},
                  {"KeyARN", "arn:aws:kms:us-east-1:000000000000:key/k"}}));
  EXPECT_EQ(f.call(put_record, {{"DeliveryStreamName", "d"}, {"Record", {{"Data", "aGk="}}}})
                .value()
                .doc.at("Encrypted"),
            true);
  ASSERT_TRUE(f.call(stop_delivery_stream_encryption, {{"DeliveryStreamName", "d"}}).ok());
  EXPECT_EQ(f.call(put_record, {{"DeliveryStreamName", "d"}, {"Record", {{"Data", "aGk="}}}})
                .value()
                .doc.at("Encrypted"),
            false);
}

}  // namespace
}  // namespace kinesisd::firehose
