#include "lambda/poller/batch_response.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace kinesisd::poller {
namespace {

std::vector<PolledRecord> batch() {
  std::vector<PolledRecord> b(4);
  for (size_t i = 0; i < b.size(); ++i) b[i].sequence_number = "seq" + std::to_string(i);
  return b;
}

using Kind = BatchVerdict::Kind;

TEST(BatchResponse, EmptyOrNullOrUnrelatedAnswersAreFullSuccess) {
  const auto b = batch();
  for (const char* ok : {"", "null", "{}", R"({"batchItemFailures":null})",
                         R"({"batchItemFailures":[]})", R"("done")", R"({"other":1})"})
    EXPECT_EQ(read_batch_response(ok, true, b).kind, Kind::kSuccess) << ok;
}

TEST(BatchResponse, PartialFailureResumesAtTheLowestReportedRecord) {
  const auto b = batch();
  const auto v = read_batch_response(
      R"({"batchItemFailures":[{"itemIdentifier":"seq3"},{"itemIdentifier":"seq1"}]})", true, b);
  EXPECT_EQ(v.kind, Kind::kPartial);
  EXPECT_EQ(v.first_failed, 1u);
}

TEST(BatchResponse, MalformedItemsFailTheWholeBatch) {
  const auto b = batch();
  for (const char* bad : {R"({"batchItemFailures":[{"itemIdentifier":""}]})",
                          R"({"batchItemFailures":[{"itemIdentifier":null}]})",
                          R"({"batchItemFailures":[{"itemId":"seq1"}]})",
                          R"({"batchItemFailures":[{"itemIdentifier":"not-in-batch"}]})",
                          R"({"batchItemFailures":"seq1"})"})
    EXPECT_EQ(read_batch_response(bad, true, b).kind, Kind::kFailure) << bad;
}

TEST(BatchResponse, WithoutReportBatchItemFailuresTheResponseIsIgnored) {
  const auto b = batch();
  EXPECT_EQ(
      read_batch_response(R"({"batchItemFailures":[{"itemIdentifier":"seq1"}]})", false, b).kind,
      Kind::kSuccess);
}

}  // namespace
}  // namespace kinesisd::poller
