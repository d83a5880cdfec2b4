#include <gtest/gtest.h>

#include "buckets/s3_directory.hpp"
#include "kinesis/channels/channel_registry.hpp"
#include "kinesis/operations/catalog.hpp"
#include "tests/storage/temp_dir.hpp"

namespace kinesisd::operations {
namespace {

constexpr const char* kRole = "arn:aws:iam::000000000000:role/channel";

json request(const std::string& name, const std::string& stream) {
  return {{"ChannelName", name},
          {"ServiceExecutionRoleARN", kRole},
          {"StreamConfigurationList",
           {{{"StreamARN", "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream},
             {"RecordConfiguration", {{"RecordFormatType", "JSON"}}}}}},
          {"S3DestinationConfiguration",
           {{"StorageConfiguration",
             {{"BucketARN", "arn:aws:s3:::lake"},
              {"ExpectedBucketOwner", "000000000000"},
              {"CompressionType", "GZIP"}}}}}};
}

struct Channels {
  log::OffsetClock clock;
  log::StreamStore store{{}, clock};
  protocol::SignedToken signer;
  testing::TempDir dir;
  buckets::S3Directory s3{dir.path()};
  channels::ChannelRegistry registry{{store, &s3, nullptr}};
  Context ctx{store, signer, "us-east-1"};
  Channels() {
    ctx.channels = &registry;
    log::StreamMeta on_demand;
    on_demand.mode = log::StreamMode::kOnDemand;
    store.create(log::StreamSpec{"us-east-1", "orders", 4, on_demand, true});
    store.create(log::StreamSpec{"us-east-1", "other", 4, on_demand, true});
    store.create(log::StreamSpec{"us-east-1", "prov", 1, {}, true});
  }
  Output call(Output (*op)(Context&, const json&), const json& in) {
    ctx.now_ms = clock.now_ms();
    return op(ctx, in);
  }
};

std::string error_type(const Output& out) { return out.ok() ? "" : out.error().type; }

TEST(ChannelOperations, WithoutAnS3TheyAreRefusedByName) {
  Channels c;
  c.ctx.channels = nullptr;
  const auto out = c.call(create_channel, request("c", "orders"));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().type, "InvalidArgumentException");
  EXPECT_NE(out.error().message.find("--s3-dir"), std::string::npos);
}

TEST(ChannelOperations, AChannelIsDescribedWithAwsDefaults) {
  Channels c;
  const auto out = c.call(create_channel, request("to-lake", "orders"));
  ASSERT_TRUE(out.ok()) << out.error().message;
  const auto& d = out.value().doc.at("ChannelDescription");
  const std::string id = d.at("ChannelId");
  EXPECT_EQ(d.at("ChannelARN"), "arn:aws:kinesis:us-east-1:000000000000:channel/to-lake/" + id);
  const auto& s3 = d.at("S3DestinationConfiguration");
  EXPECT_EQ(s3.at("DataFreshnessInSeconds"), 300);
  EXPECT_EQ(s3.at("StorageConfiguration").at("StorageClass"), "STANDARD");
  EXPECT_EQ(s3.at("DeadLetterQueueS3Configuration").at("ErrorOutputPrefix"),
            "kinesis-channel/errors/to-lake/" + id + "/");
  EXPECT_EQ(d.at("ChannelStatus"), "CREATING");  // for --create-stream-ms (500 ms here)
  c.clock.advance(500);
  const auto described = c.call(describe_channel, {{"ChannelARN", d.at("ChannelARN")}});
  ASSERT_TRUE(described.ok());
  EXPECT_EQ(described.value().doc.at("ChannelDescription").at("ChannelStatus"), "ACTIVE");
}

TEST(ChannelOperations, TheRulesOfDeliveryQuotasAndLimits) {
  Channels c;
  EXPECT_EQ(error_type(c.call(create_channel, request("p", "prov"))), "InvalidArgumentException");
  EXPECT_EQ(error_type(c.call(create_channel, request("n", "nope"))), "ResourceNotFoundException");
  auto fresh = request("f", "orders");
  fresh["S3DestinationConfiguration"]["DataFreshnessInSeconds"] = 299;
  EXPECT_EQ(error_type(c.call(create_channel, fresh)), "InvalidArgumentException");
  ASSERT_TRUE(c.call(create_channel, request("one", "orders")).ok());
  EXPECT_EQ(error_type(c.call(create_channel, request("two", "orders"))),
            "LimitExceededException");  // one S3 delivery per stream
  EXPECT_EQ(error_type(c.call(create_channel, request("one", "other"))),
            "ResourceInUseException");  // names unique per account and region
  EXPECT_EQ(error_type(c.call(delete_stream, {{"StreamName", "orders"}})),
            "ResourceInUseException");  // a channel reads it
}

TEST(ChannelOperations, ListsPageByNameAndFilterByStream) {
  Channels c;
  ASSERT_TRUE(c.call(create_channel, request("b", "orders")).ok());
  ASSERT_TRUE(c.call(create_channel, request("a", "other")).ok());
  const auto page = c.call(list_channels, {{"MaxResults", 1}});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page.value().doc.at("ChannelSummaries").at(0).at("ChannelName"), "a");
  const auto rest = c.call(list_channels, {{"NextToken", page.value().doc.at("NextToken")}});
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest.value().doc.at("ChannelSummaries").at(0).at("ChannelName"), "b");
  const auto filtered = c.call(
      list_channels, {{"StreamFilter",
                       {{{"StreamARN", "arn:aws:kinesis:us-east-1:000000000000:stream/orders"}}}}});
  ASSERT_TRUE(filtered.ok());
  ASSERT_EQ(filtered.value().doc.at("ChannelSummaries").size(), 1u);
  EXPECT_EQ(filtered.value().doc.at("ChannelSummaries").at(0).at("ChannelName"), "b");
}

TEST(ChannelOperations, OnlyFreshnessAndLoggingChange) {
  Channels c;
  const auto created = c.call(create_channel, request("u", "orders"));
  ASSERT_TRUE(created.ok());
  const json arn = created.value().doc.at("ChannelDescription").at("ChannelARN");
  EXPECT_EQ(error_type(c.call(update_channel, {{"ChannelARN", arn}})),
            "ResourceInUseException");  // still CREATING
  c.clock.advance(500);
  EXPECT_EQ(error_type(c.call(update_channel,
                              {{"ChannelARN", arn},
                               {"S3DestinationConfiguration", {{"DataFreshnessInSeconds", 901}}}})),
            "InvalidArgumentException");
  const auto updated = c.call(
      update_channel,
      {{"ChannelARN", arn}, {"S3DestinationConfiguration", {{"DataFreshnessInSeconds", 900}}}});
  ASSERT_TRUE(updated.ok());
  const auto& d = updated.value().doc.at("ChannelDescription");
  EXPECT_EQ(d.at("S3DestinationConfiguration").at("DataFreshnessInSeconds"), 900);
  EXPECT_EQ(d.at("ChannelStatus"), "UPDATING");  // for --update-stream-ms (500 ms here)
}

}  // namespace
}  // namespace kinesisd::operations
