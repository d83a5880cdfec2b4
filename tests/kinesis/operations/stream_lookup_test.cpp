#include "kinesis/operations/stream_lookup.hpp"

#include <gtest/gtest.h>

namespace kinesisd::operations {
namespace {

struct Lookup {
  log::OffsetClock clock;
  log::StreamStore store{{}, clock};
  protocol::SignedToken signer;
  Context ctx{store, signer, "eu-west-1"};
  Lookup() { store.create(log::StreamSpec{"eu-west-1", "ctr", 2, {}, true}); }
};

TEST(StreamLookup, ANameIsInTheCallersRegionAndAccount) {
  Lookup l;
  const auto ref = stream_ref(l.ctx, std::string("ctr"), std::nullopt);
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(ref.value().region, "eu-west-1");
  EXPECT_EQ(ref.value().account, "000000000000");
  EXPECT_EQ(ref.value().name, "ctr");
  const auto found = find_stream(l.ctx, json{{"StreamName", "ctr"}});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value()->name(), "ctr");
}

TEST(StreamLookup, AnArnNamesItsOwnRegion) {
  Lookup l;
  const std::string arn = "arn:aws:kinesis:eu-west-1:000000000000:stream/ctr";
  const auto found = find_stream(l.ctx, json{{"StreamARN", arn}});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value()->shards().size(), 2u);
  // Elsewhere it is not found, with AWS's message.
  const auto other = find_stream(l.ctx, std::nullopt,
                                 std::string("arn:aws:kinesis:us-east-1:000000000000:stream/ctr"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().type, "ResourceNotFoundException");
  EXPECT_EQ(other.error().message, "Stream ctr under account 000000000000 not found.");
}

TEST(StreamLookup, RefusesWhatNamesNoStreamOrTwo) {
  Lookup l;
  const auto none = stream_ref(l.ctx, std::nullopt, std::nullopt);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().type, "InvalidArgumentException");
  EXPECT_EQ(none.error().message, "Either StreamName or StreamARN must be provided.");
  const auto bad = stream_ref(l.ctx, std::nullopt, std::string("arn:aws:sqs:eu-west-1:1:q"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "Invalid StreamARN arn:aws:sqs:eu-west-1:1:q.");
  const std::string arn = "arn:aws:kinesis:eu-west-1:000000000000:stream/ctr";
  const auto two = stream_ref(l.ctx, std::string("other"), arn);
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().message,
            "StreamName other and StreamARN " + arn + " do not refer to the same stream.");
  EXPECT_TRUE(stream_ref(l.ctx, std::string("ctr"), arn).ok());  // both, agreeing
}

TEST(StreamLookup, ShardIdsTakeTheirCanonicalForm) {
  EXPECT_EQ(canonical_shard_id(std::string("shardId-1")), "shardId-000000000001");
  EXPECT_EQ(canonical_shard_id(std::string("1")), "shardId-000000000001");
  EXPECT_EQ(canonical_shard_id(std::nullopt), std::nullopt);
  EXPECT_EQ(canonical_shard_id(std::string("not-a-shard")), "not-a-shard");
}

TEST(StreamLookup, MessagesNameTheStreamAndAccount) {
  Lookup l;
  const auto stream = l.store.find("000000000000", "eu-west-1", "ctr");
  ASSERT_TRUE(stream);
  EXPECT_EQ(shard_not_found_message("shardId-000000000009", *stream),
            "Shard shardId-000000000009 in stream ctr under account 000000000000 does not exist");
  const auto e = not_active(*stream, log::StreamStatus::kUpdating);
  EXPECT_EQ(e.type, "ResourceInUseException");
  EXPECT_EQ(e.message,
            "Stream ctr under account 000000000000 not ACTIVE, instead in state UPDATING");
}

// The endpoint resolves a call's stream once (service::Resolved); the
// operation takes that stream instead of looking it up again, when it names
// the same one.
TEST(StreamLookup, TakesTheStreamTheEndpointResolved) {
  Lookup l;
  const auto resolved = l.store.find("000000000000", "eu-west-1", "ctr");
  l.ctx.resolved_stream = resolved;
  l.store.clear();  // not in the store any more: only the resolved one can answer
  const auto found = find_stream(l.ctx, json{{"StreamName", "ctr"}});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value(), resolved);
  // Another name is looked up as before.
  EXPECT_FALSE(find_stream(l.ctx, json{{"StreamName", "other"}}).ok());
}

}  // namespace
}  // namespace kinesisd::operations
