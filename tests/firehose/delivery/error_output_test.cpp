#include "firehose/delivery/error_output.hpp"

#include <gtest/gtest.h>

#include "firehose/delivery/object_key.hpp"
#include "tests/firehose/delivery/fake_object_store.hpp"

namespace kinesisd::delivery {
namespace {

TEST(ErrorOutput, ADocumentHasFirehosesFieldsThenTheDestinations) {
  FailureDocument d{2, 1000, "Lambda.FunctionError", "boom", "raw"};
  d.detail["lambdaArn"] = "arn:aws:lambda:us-east-1:000000000000:function:f";
  const auto line = failure_line(d, 5000);
  ASSERT_EQ(line.back(), '\n');
  const auto doc = nlohmann::json::parse(line);
  EXPECT_EQ(doc["attemptsMade"], 2);
  EXPECT_EQ(doc["arrivalTimestamp"], 1000);
  EXPECT_EQ(doc["errorCode"], "Lambda.FunctionError");
  EXPECT_EQ(doc["errorMessage"], "boom");
  EXPECT_EQ(doc["attemptEndingTimestamp"], 5000);
  EXPECT_EQ(doc["rawData"], "cmF3");  // base64 of "raw"
  EXPECT_EQ(doc["lambdaArn"], "arn:aws:lambda:us-east-1:000000000000:function:f");
  EXPECT_EQ(doc.size(), 7u);
}

TEST(ErrorOutput, AGroupIsOneObjectUnderItsPrefixByErrorType) {
  FakeObjectStore store;
  S3Destination s3;
  s3.bucket = "lake";
  const std::string name = "ctr";
  const auto context = store.context();
  const ObjectWriter objects(context, s3);
  FailureGroup group{"processing-failed", "errors/!{firehose:error-output-type}/", {}};
  EXPECT_TRUE(write_failures(objects, group, name, 1, 0, 0));
  EXPECT_TRUE(store.objects.empty());  // nothing failed, nothing written

  group.documents.push_back({1, 10, "c", "m", "a"});
  group.documents.push_back({1, 20, "c", "m", "b"});
  ASSERT_TRUE(write_failures(objects, group, name, 1, 10, 30));
  ASSERT_EQ(store.objects.size(), 1u);
  const std::string key =
      "lake/" + error_object_key(group.error_prefix, "processing-failed", name, 1, 10);
  EXPECT_EQ(key.rfind("lake/errors/processing-failed/", 0), 0u) << key;
  EXPECT_EQ(store.like(key),
            failure_line(group.documents[0], 30) + failure_line(group.documents[1], 30));
}

}  // namespace
}  // namespace kinesisd::delivery
