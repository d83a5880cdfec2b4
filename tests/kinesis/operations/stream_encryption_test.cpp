// Start/StopStreamEncryption (operations/stream_encryption.cpp): KMS only,
// UPDATING for the update delay, then the key is the stream's.
#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

TEST(StreamEncryption, StartUpdatesThenHoldsTheKeyStopDropsIt) {
  Operations o;
  o.stream("s");
  const json start = {
      {"StreamName", "s"}, {"EncryptionType", "KMS"}, {"KeyId", "alias/aws/kinesis"}};
  EXPECT_EQ(o.error(start_stream_encryption, start), "");
  EXPECT_EQ(o.message(start_stream_encryption, start),
            "Stream s under account 000000000000 not ACTIVE, instead in state UPDATING");
  o.clock.advance(500);  // --update-stream-ms
  const auto meta = o.store.find("000000000000", "us-east-1", "s")->meta();
  EXPECT_EQ(meta.encryption_type, "KMS");
  EXPECT_EQ(meta.key_id, "alias/aws/kinesis");
  EXPECT_EQ(o.answer(put_record, {{"StreamName", "s"}, {"Data", "aGk="}, {"PartitionKey", "k"}})
                .at("EncryptionType"),
            "KMS");
  EXPECT_EQ(o.error(stop_stream_encryption, start), "");
  o.clock.advance(500);
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "s")->meta().encryption_type, "NONE");
  EXPECT_FALSE(o.answer(put_record, {{"StreamName", "s"}, {"Data", "aGk="}, {"PartitionKey", "k"}})
                   .contains("EncryptionType"));
}

TEST(StreamEncryption, OnlyKms) {
  Operations o;
  o.stream("s");
  EXPECT_EQ(o.message(start_stream_encryption,
                      {{"StreamName", "s"}, {"EncryptionType", "NONE"}, {"KeyId", "k"}}),
            "Invalid EncryptionType NONE. The only valid value is KMS.");
}

}  // namespace
}  // namespace kinesisd::operations
