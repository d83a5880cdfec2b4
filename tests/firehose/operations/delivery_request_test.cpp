// CreateDeliveryStream and UpdateDestination inputs read into a delivery
// config (firehose/operations/delivery_request.cpp): AWS's rules for dynamic
// partitioning and backups, and what kinesisd refuses by name.
#include <gtest/gtest.h>

#include "firehose/operations/delivery_request.hpp"
#include "tests/firehose/operations/firehose_testing.hpp"

namespace kinesisd::firehose {
namespace {

using testing::Firehose;

std::string refusal(const protocol::Outcome<delivery::DeliveryConfig>& out) {
  return out.ok() ? "" : out.error().message;
}

json metadata_extraction() {
  return {{"Enabled", true},
          {"Processors",
           {{{"Type", "MetadataExtraction"},
             {"Parameters",
              {{{"ParameterName", "MetadataExtractionQuery"}, {"ParameterValue", "{id: .id}"}},
               {{"ParameterName", "JsonParsingEngine"}, {"ParameterValue", "JQ-1.6"}}}}}}}};
}

// An extended S3 destination partitioned by !{partitionKeyFromQuery:id}.
json partitioned() {
  auto d = Firehose::s3_destination();
  d["Prefix"] = "by-id/!{partitionKeyFromQuery:id}/";
  d["ErrorOutputPrefix"] = "errors/";
  d["DynamicPartitioningConfiguration"] = {{"Enabled", true}};
  d["ProcessingConfiguration"] = metadata_extraction();
  d["BufferingHints"] = {{"SizeInMBs", 64}, {"IntervalInSeconds", 60}};
  return d;
}

TEST(DeliveryRequest, OneDestinationKinesisdServes) {
  Firehose f;
  const json s3 = Firehose::s3_destination();
  EXPECT_EQ(refusal(read_create(f.ctx, {{"S3DestinationConfiguration", s3},
                                        {"ExtendedS3DestinationConfiguration", s3}})),
            "Exactly one destination configuration is required.");
  EXPECT_EQ(refusal(read_create(f.ctx, {{"RedshiftDestinationConfiguration", json::object()}})),
            "kinesisd delivers to Amazon S3 (an S3 API endpoint, or each bucket a folder of "
            "--s3-dir), HTTP endpoints and OpenSearch/Elasticsearch domains: "
            "RedshiftDestinationConfiguration is not supported.");
  EXPECT_EQ(refusal(read_create(f.ctx, {{"DeliveryStreamType", "MSKAsSource"},
                                        {"ExtendedS3DestinationConfiguration", s3}})),
            "kinesisd serves DirectPut and KinesisStreamAsSource delivery streams: MSKAsSource "
            "is not supported.");
  EXPECT_EQ(refusal(read_create(f.ctx, {{"DeliveryStreamType", "KinesisStreamAsSource"},
                                        {"ExtendedS3DestinationConfiguration", s3}})),
            "KinesisStreamSourceConfiguration is required when DeliveryStreamType is "
            "KinesisStreamAsSource.");
  const auto ok = read_create(f.ctx, {{"ExtendedS3DestinationConfiguration", s3}});
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok.value().s3.bucket, "lake");
  EXPECT_TRUE(ok.value().s3.extended);
}

TEST(DeliveryRequest, DynamicPartitioningAsTheDeveloperGuideDescribesIt) {
  Firehose f;
  const auto ok = read_create(f.ctx, {{"ExtendedS3DestinationConfiguration", partitioned()}});
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_TRUE(ok.value().s3.dynamic_partitioning);

  auto off = partitioned();
  off.erase("DynamicPartitioningConfiguration");
  EXPECT_EQ(refusal(read_create(f.ctx, {{"ExtendedS3DestinationConfiguration", off}})),
            "The Prefix uses partitionKeyFromQuery or partitionKeyFromLambda expressions, which "
            "need DynamicPartitioningConfiguration Enabled.");
  auto no_errors = partitioned();
  no_errors.erase("ErrorOutputPrefix");
  EXPECT_EQ(refusal(read_create(f.ctx, {{"ExtendedS3DestinationConfiguration", no_errors}})),
            "Dynamic partitioning needs an ErrorOutputPrefix.");
  auto small = partitioned();
  small["BufferingHints"]["SizeInMBs"] = 5;
  EXPECT_EQ(refusal(read_create(f.ctx, {{"ExtendedS3DestinationConfiguration", small}})),
            "BufferingHints SizeInMBs must be at least 64 when dynamic partitioning is enabled.");
  auto lambda_key = partitioned();
  lambda_key["Prefix"] = "!{partitionKeyFromLambda:id}/";
  EXPECT_EQ(refusal(read_create(f.ctx, {{"ExtendedS3DestinationConfiguration", lambda_key}})),
            "The Prefix uses !{partitionKeyFromLambda:...}, which needs a Lambda processor.");
  auto engine = partitioned();
  engine["ProcessingConfiguration"]["Processors"][0]["Parameters"][1]["ParameterValue"] = "JQ-1.5";
  EXPECT_EQ(refusal(read_create(f.ctx, {{"ExtendedS3DestinationConfiguration", engine}})),
            "JsonParsingEngine JQ-1.5 is not supported: the engine is JQ-1.6.");
}

TEST(DeliveryRequest, UpdatesKeepWhatAwsDoesNotLetChange) {
  Firehose f;
  auto backed_up = Firehose::s3_destination();
  backed_up["S3BackupMode"] = "Enabled";
  EXPECT_EQ(refusal(read_create(f.ctx, {{"ExtendedS3DestinationConfiguration", backed_up}})),
            "S3BackupConfiguration is required when S3BackupMode is Enabled.");
  backed_up["S3BackupConfiguration"] = {{"RoleARN", "arn:aws:iam::000000000000:role/firehose"},
                                        {"BucketARN", "arn:aws:s3:::backup"}};
  const auto created = read_create(f.ctx, {{"ExtendedS3DestinationConfiguration", backed_up}});
  ASSERT_TRUE(created.ok()) << created.error().message;
  const auto& current = created.value().s3;
  EXPECT_TRUE(current.backup_enabled);

  const auto off = read_update(
      f.ctx, {{"ExtendedS3DestinationUpdate", {{"S3BackupMode", "Disabled"}}}}, current);
  ASSERT_FALSE(off.ok());
  EXPECT_EQ(off.error().message,
            "S3BackupMode cannot be changed from Enabled to Disabled: once a delivery stream "
            "backs up its source records, it keeps doing so.");
  const auto partition =
      read_update(f.ctx,
                  {{"ExtendedS3DestinationUpdate",
                    {{"DynamicPartitioningConfiguration", {{"Enabled", true}}}}}},
                  current);
  ASSERT_FALSE(partition.ok());
  EXPECT_EQ(partition.error().message,
            "Dynamic partitioning cannot be enabled on an existing delivery stream.");
  const auto prefix =
      read_update(f.ctx, {{"ExtendedS3DestinationUpdate", {{"Prefix", "new/"}}}}, current);
  ASSERT_TRUE(prefix.ok()) << prefix.error().message;
  EXPECT_EQ(prefix.value().prefix, "new/");
  EXPECT_EQ(prefix.value().bucket, "lake");  // what the update leaves out stays
}

}  // namespace
}  // namespace kinesisd::firehose
