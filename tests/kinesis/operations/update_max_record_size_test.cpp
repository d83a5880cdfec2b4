// UpdateMaxRecordSize (operations/update_max_record_size.cpp): the next put
// is held to the new size, only on an ACTIVE stream.
#include <gtest/gtest.h>

#include "protocol/base64.hpp"
#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

TEST(UpdateMaxRecordSize, PutsAreHeldToTheNewSizeAtOnce) {
  Operations o;
  o.stream("s");
  const auto data = protocol::base64_encode(std::string(1536 * 1024, 'x'));  // 1.5 MiB
  const json put = {{"StreamName", "s"}, {"Data", data}, {"PartitionKey", "k"}};
  EXPECT_EQ(o.error(put_record, put), "ValidationException");  // over the 1 MiB default
  EXPECT_EQ(o.error(update_max_record_size, {{"StreamName", "s"}, {"MaxRecordSizeInKiB", 2048}}),
            "");
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "s")->meta().max_record_size_kib, 2048);
  EXPECT_EQ(o.error(put_record, put), "");
  EXPECT_EQ(o.error(update_max_record_size, {{"StreamName", "s"}, {"MaxRecordSizeInKiB", 1024}}),
            "");
  EXPECT_EQ(o.error(put_record, put), "ValidationException");
}

TEST(UpdateMaxRecordSize, OnlyOnAnActiveStream) {
  Operations o;
  o.call(create_stream, {{"StreamName", "s"}, {"ShardCount", 1}});
  EXPECT_EQ(o.message(update_max_record_size, {{"StreamName", "s"}, {"MaxRecordSizeInKiB", 2048}}),
            "Stream s under account 000000000000 not ACTIVE, instead in state CREATING");
}

}  // namespace
}  // namespace kinesisd::operations
