#include "protocol/arn.hpp"

#include <gtest/gtest.h>

namespace kinesisd::protocol {

TEST(Arn, StreamArnsRoundTrip) {
  const auto arn = stream_arn("eu-west-1", "123456789012", "ctr");
  EXPECT_EQ(arn, "arn:aws:kinesis:eu-west-1:123456789012:stream/ctr");
  const auto ref = parse_stream_arn(arn);
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->region, "eu-west-1");
  EXPECT_EQ(ref->account, "123456789012");
  EXPECT_EQ(ref->name, "ctr");
  EXPECT_TRUE(parse_stream_arn("arn:aws-cn:kinesis:cn-north-1:123456789012:stream/x"));
}

TEST(Arn, AStreamArnIsNotAConsumerArnAndBack) {
  const auto consumer =
      consumer_arn("arn:aws:kinesis:r:000000000000:stream/s", "app", 1700000000123);
  EXPECT_EQ(consumer, "arn:aws:kinesis:r:000000000000:stream/s/consumer/app:1700000000");
  EXPECT_FALSE(parse_stream_arn(consumer));
  EXPECT_FALSE(parse_consumer_arn("arn:aws:kinesis:r:000000000000:stream/s"));
  const auto ref = parse_consumer_arn(consumer);
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->stream.name, "s");
  EXPECT_EQ(ref->name, "app");
  EXPECT_EQ(ref->created_s, 1700000000);
}

TEST(Arn, MalformedConsumerArnsAreRefused) {
  for (const char* bad :
       {"arn:aws:kinesis:r:a:stream/s/consumer/app",
        "arn:aws:kinesis:r:a:stream/s/consumer/app:", "arn:aws:kinesis:r:a:stream/s/consumer/:12",
        "arn:aws:kinesis:r:a:stream/s/consumer/app:12x",
        "arn:aws:kinesis:r:a:stream/s/consumer/app:99999999999999999999",
        "arn:aws:sqs:r:a:stream/s/consumer/app:12"})
    EXPECT_FALSE(parse_consumer_arn(bad)) << bad;
}

TEST(Arn, PlainArnsNameRegionAccountAndName) {
  const auto q = parse_plain_arn("arn:aws:sqs:eu-west-1:123456789012:dlq", "sqs");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->region, "eu-west-1");
  EXPECT_EQ(q->account, "123456789012");
  EXPECT_EQ(q->name, "dlq");
  EXPECT_TRUE(parse_plain_arn("arn:aws-cn:sns:cn-north-1:1:alerts", "sns"));
  for (const char* bad : {"arn:aws:sns:eu-west-1:1:t", "arn:aws:sqs::1:q", "arn:aws:sqs:r::q",
                          "arn:aws:sqs:r:1:", "arn:aws:sqs:r:1:a/b", "arn:aws:sqs:r:1:a:b"})
    EXPECT_FALSE(parse_plain_arn(bad, "sqs")) << bad;
}

}  // namespace kinesisd::protocol
