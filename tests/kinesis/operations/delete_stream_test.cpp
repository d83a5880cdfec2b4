#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

TEST(DeleteStream, ConsumersHoldItUnlessEnforced) {
  Operations o;
  o.store.create(log::StreamSpec{"us-east-1", "s", 1, {}, true});
  const std::string arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
  EXPECT_EQ(o.error(register_stream_consumer, {{"StreamARN", arn}, {"ConsumerName", "c"}}), "");
  EXPECT_EQ(o.error(delete_stream, {{"StreamName", "s"}}), "ResourceInUseException");
  EXPECT_EQ(o.error(delete_stream, {{"StreamName", "s"}, {"EnforceConsumerDeletion", true}}), "");
  EXPECT_EQ(o.error(describe_stream_summary, {{"StreamName", "s"}}), "");  // DELETING
  o.clock.advance(500);                                                    // --delete-stream-ms
  EXPECT_EQ(o.error(describe_stream_summary, {{"StreamName", "s"}}), "ResourceNotFoundException");
}

}  // namespace
}  // namespace kinesisd::operations
