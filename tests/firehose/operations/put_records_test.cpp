// PutRecord and PutRecordBatch (firehose/operations/put_records.cpp): only on
// an ACTIVE DirectPut stream, 4 MiB per batch, a RecordId per record.
#include <gtest/gtest.h>

#include "protocol/base64.hpp"
#include "tests/firehose/operations/firehose_testing.hpp"

namespace kinesisd::firehose {
namespace {

using testing::error_type;
using testing::Firehose;

TEST(FirehosePuts, OnlyOnAnActiveStream) {
  Firehose f;
  ASSERT_TRUE(f.call(create_delivery_stream,
                     {{"DeliveryStreamName", "d"},
                      {"ExtendedS3DestinationConfiguration", Firehose::s3_destination()}})
                  .ok());
  const json put = {{"DeliveryStreamName", "d"}, {"Record", {{"Data", "aGk="}}}};
  const auto creating = f.call(put_record, put);
  EXPECT_EQ(error_type(creating), "ResourceNotFoundException");
  EXPECT_EQ(creating.error().message, "Firehose d under account 000000000000 is not ACTIVE.");
  f.clock.advance(500);
  const auto ok = f.call(put_record, put);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_FALSE(ok.value().doc.at("RecordId").get<std::string>().empty());
  EXPECT_EQ(ok.value().doc.at("Encrypted"), false);
}

TEST(FirehosePuts, ABatchAnswersARecordIdForEach) {
  Firehose f;
  testing::make_active(f, "d");
  const auto out =
      f.call(put_record_batch,
             {{"DeliveryStreamName", "d"}, {"Records", {{{"Data", "YQ=="}}, {{"Data", "Yg=="}}}}});
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out.value().doc.at("FailedPutCount"), 0);
  const auto& responses = out.value().doc.at("RequestResponses");
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_NE(responses[0].at("RecordId"), responses[1].at("RecordId"));
}

TEST(FirehosePuts, FourMebibytesPerBatch) {
  Firehose f;
  testing::make_active(f, "d");
  const auto mib = protocol::base64_encode(std::string(1000 * 1024, 'x'));
  json records = json::array();
  for (int i = 0; i < 5; ++i) records.push_back({{"Data", mib}});
  const auto over = f.call(put_record_batch, {{"DeliveryStreamName", "d"}, {"Records", records}});
  EXPECT_EQ(error_type(over), "InvalidArgumentException");
  EXPECT_EQ(over.error().message, "Records size exceeds 4 MiB limit");
}

}  // namespace
}  // namespace kinesisd::firehose
