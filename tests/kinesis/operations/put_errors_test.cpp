#include "kinesis/operations/put_errors.hpp"

#include <gtest/gtest.h>

#include "tests/kinesis/log/stream_testing.hpp"

namespace kinesisd::operations {

TEST(PutErrors, OversizedRecordsNameTheirMember) {
  auto stream = log::testing::make_stream(1);  // 1024 KiB records
  const std::string big(1024 * 1024, 'x');
  const PutEntry e{"k", big, std::nullopt};
  const log::Stream::Entry entry{e.partition_key, e.data, std::nullopt};
  log::Stream::Placed placed;
  const auto result = stream->append({&entry, 1}, 0, {&placed, 1});
  auto single = refusal_error(result, {&e, 1}, *stream, /*batch=*/false);
  ASSERT_TRUE(single);
  EXPECT_EQ(single->type, "ValidationException");
  EXPECT_NE(single->message.find("at 'data' failed"), std::string::npos) << single->message;
  EXPECT_NE(single->message.find("less than or equal to 1048575"), std::string::npos)
      << single->message;  // the limit less the partition key

  const PutEntry three[] = {{"k", "1", std::nullopt}, {"k", "2", std::nullopt}, e};
  const log::Stream::Entry entries[] = {{"k", "1", {}}, {"k", "2", {}}, entry};
  log::Stream::Placed out[3];
  auto batch = refusal_error(stream->append(entries, 0, out), three, *stream, /*batch=*/true);
  ASSERT_TRUE(batch);
  EXPECT_NE(batch->message.find("at 'records.3.member.data' failed"), std::string::npos);
  EXPECT_EQ(stream->shards()[0]->record_count(), 0u);  // nothing of a refused batch went in

  {
    log::StreamEdit edit;
    edit.max_record_size_kib = 1025;
    stream->apply(edit);
  }
  EXPECT_FALSE(refusal_error(stream->append({&entry, 1}, 0, {&placed, 1}), {&e, 1}, *stream,
                             /*batch=*/false));
}

TEST(PutErrors, AStreamNotReadyIsNotFound) {
  log::StreamMeta meta;
  meta.ready_at_ms = 100;  // CREATING until then
  auto stream = log::testing::make_stream(1, meta);
  const PutEntry e{"k", "v", std::nullopt};
  const log::Stream::Entry entry{"k", "v", std::nullopt};
  log::Stream::Placed placed;
  auto error =
      refusal_error(stream->append({&entry, 1}, 50, {&placed, 1}), {&e, 1}, *stream, false);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->type, "ResourceNotFoundException");
  EXPECT_EQ(error->message, "Stream s under account 000000000000 not found.");
}

}  // namespace kinesisd::operations
