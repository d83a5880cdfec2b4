#include "kinesis/channels/channel.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "buckets/s3_directory.hpp"
#include "tests/storage/temp_dir.hpp"

namespace kinesisd::channels {
namespace {

using nlohmann::json;

json request(const std::string& format) {
  return {{"ChannelName", "c"},
          {"ServiceExecutionRoleARN", "arn:aws:iam::000000000000:role/channel"},
          {"StreamConfigurationList",
           {{{"StreamARN", "arn:aws:kinesis:us-east-1:000000000000:stream/s"},
             {"RecordConfiguration", {{"RecordFormatType", format}}}}}},
          {"S3DestinationConfiguration",
           {{"StorageConfiguration",
             {{"BucketARN", "arn:aws:s3:::lake"},
              {"ExpectedBucketOwner", "000000000000"},
              {"CompressionType", "NONE"}}}}}};
}

// Every object of the bucket's folder: key -> bytes.
std::map<std::string, std::string> objects(const std::string& root) {
  std::map<std::string, std::string> out;
  const auto base = std::filesystem::path(root) / "lake";
  if (!std::filesystem::exists(base)) return out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(base))
    if (e.is_regular_file()) {
      std::ifstream in(e.path());
      std::stringstream bytes;
      bytes << in.rdbuf();
      out[std::filesystem::relative(e.path(), base).string()] = bytes.str();
    }
  return out;
}

// Waits for `done` (the channel's thread works on its own), at most 10 s.
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 1000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

struct Fixture {
  log::OffsetClock clock;
  log::StreamStore store{{}, clock};
  testing::TempDir dir;
  buckets::S3Directory s3{dir.path()};
  std::shared_ptr<log::Stream> stream;
  Fixture() { stream = store.create(log::StreamSpec{"us-east-1", "s", 1, {}, true}).stream; }
  void put(std::string_view data) {
    const log::NewRecord record{"key", data};
    log::SequenceNumber seq;
    ASSERT_EQ(stream->shards()[0]->append(clock.now_ms(), {&record, 1}, &seq),
              log::AppendStatus::kOk);
  }
};

TEST(ChannelDefinition, FillsAwsDefaults) {
  const auto d =
      ChannelDefinition::from(request("JSON"), "000000000000", "us-east-1", "id-1", 5, 4);
  EXPECT_EQ(d.arn, "arn:aws:kinesis:us-east-1:000000000000:channel/c/id-1");
  EXPECT_EQ(d.bucket, "lake");
  EXPECT_EQ(d.dlq_bucket, "lake");
  EXPECT_EQ(d.dlq_prefix, "kinesis-channel/errors/c/id-1/");
  EXPECT_EQ(d.request.at("S3DestinationConfiguration").at("DataFreshnessInSeconds"), 300);
  EXPECT_EQ(ChannelDefinition::from_json(d.to_json()).request, d.request);
}

// Records wait for DataFreshnessInSeconds on kinesisd's clock, then go as one
// object; the one that is not JSON goes to the dead-letter prefix instead.
TEST(Channel, WritesWhenTheOldestRecordIsFreshnessOld) {
  Fixture f;
  Channel channel(ChannelDefinition::from(request("JSON"), "000000000000", "us-east-1", "id", 0, 0),
                  {f.clock.now_ms(), 0, 0, 0}, 300, json::object(), {f.store, &f.s3, nullptr});
  ASSERT_TRUE(eventually([&] { return !channel.source_positions().empty(); }));
  f.put(R"({"n":1})");
  f.put("not json");
  f.put(R"({"n":2})");
  ASSERT_TRUE(eventually([&] { return channel.buffered() == 3; }));
  EXPECT_TRUE(objects(f.dir.path()).empty());
  f.clock.advance(300'000);
  ASSERT_TRUE(eventually([&] { return objects(f.dir.path()).size() == 2; }));
  for (const auto& [key, bytes] : objects(f.dir.path())) {
    if (key.rfind("kinesis-channel/errors/c/id/", 0) == 0) {
      const auto line = json::parse(bytes.substr(0, bytes.find('\n')));
      EXPECT_EQ(line.at("rawData"), "bm90IGpzb24=");
      EXPECT_EQ(line.at("shardId"), "shardId-000000000000");
    } else {
      EXPECT_EQ(key.rfind("kinesis-channel/c/id/", 0), 0u) << key;
      EXPECT_EQ(bytes, "{\"n\":1}\n{\"n\":2}\n");
    }
  }
  EXPECT_EQ(channel.buffered(), 0u);
}

TEST(Channel, AFlushWritesWhatIsBufferedAtOnce) {
  Fixture f;
  Channel channel(
      ChannelDefinition::from(request("BYTE_ARRAY"), "000000000000", "us-east-1", "id", 0, 0),
      {f.clock.now_ms(), 0, 0, 0}, 900, json::object(), {f.store, &f.s3, nullptr});
  ASSERT_TRUE(eventually([&] { return !channel.source_positions().empty(); }));
  f.put("ab");
  f.put("cd");
  ASSERT_TRUE(eventually([&] { return channel.buffered() == 2; }));
  channel.flush();
  ASSERT_TRUE(eventually([&] { return objects(f.dir.path()).size() == 1; }));
  EXPECT_EQ(objects(f.dir.path()).begin()->second, "abcd");  // back to back, as is
}

}  // namespace
}  // namespace kinesisd::channels
