#include "config/config_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kinesisd::config {
namespace {

class ConfigFileTest : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    path_ = std::filesystem::temp_directory_path() /
            ("kinesisd-config-" + std::to_string(::getpid()) + ".json");
    std::ofstream(path_) << text;
    return path_.string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string error_of(const std::string& text) {
    try {
      load_config(write(text));
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "(accepted)";
  }
  std::filesystem::path path_;
};

TEST_F(ConfigFileTest, ReadsTheDocumentedShape) {
  const auto c = load_config(write(R"({
    "streams": [{"name": "ctr", "shards": 2}, {"name": "od", "mode": "ON_DEMAND"}],
    "handlers": {"enrich": {"type": "process", "command": ["cat"]}},
    "event_source_mappings": [{"stream": "ctr", "handler": "enrich", "BatchSize": 5,
                               "StartingPosition": "TRIM_HORIZON"}]})"));
  ASSERT_EQ(c.streams.size(), 2u);
  EXPECT_EQ(c.streams[0].shards, 2u);
  EXPECT_TRUE(c.streams[1].on_demand);
  EXPECT_EQ(c.streams[1].shards, 4u);
  ASSERT_EQ(c.handlers.size(), 1u);
  ASSERT_EQ(c.mappings.size(), 1u);  // read by lambda/config_mappings
  EXPECT_EQ(c.mappings[0]["stream"], "ctr");
}

TEST_F(ConfigFileTest, ErrorsNameTheFileTheKeyAndTheReason) {
  const std::string file = write("{}");
  EXPECT_TRUE(error_of("{").starts_with(file + ": is not valid JSON: ")) << error_of("{");
  EXPECT_EQ(error_of(R"({"stream": []})"),
            file +
                ": stream: unknown section (expected streams, handlers, event_source_mappings, "
                "faults, delivery_streams, auth, identities, kms_aliases, endpoints)");
  EXPECT_EQ(error_of(R"({"kms_aliases": []})"), file + ": kms_aliases: must be an object");
  EXPECT_EQ(error_of(R"({"streams": [{"name": "bad name"}]})"),
            file + ": streams[0].name: must be a stream name: 1 to 128 of a-z A-Z 0-9 _ . -");
  EXPECT_EQ(error_of(R"({"streams": [{"name": "a", "shards": 0}]})"),
            file + ": streams[0].shards: must be an integer between 1 and 10000");
  EXPECT_EQ(error_of(R"({"event_source_mappings": {}})"),
            file + ": event_source_mappings: must be a list");
  EXPECT_EQ(error_of(R"({"handlers": []})"), file + ": handlers: must be an object by name");
}

// Found by tests/fuzz/config_fuzz (corpus/config/regression-number-overflow):
// a number too large for a double ended start-up with an uncaught exception.
TEST_F(ConfigFileTest, ANumberThatOverflowsIsAConfigErrorNotACrash) {
  const std::string file = write("{}");
  EXPECT_TRUE(error_of("88E888888").starts_with(file + ": is not valid JSON: "));
  EXPECT_TRUE(error_of(R"({"streams": [{"name": "a", "shards": 1e999}]})")
                  .starts_with(file + ": is not valid JSON: "));
}

TEST(StreamsFlag, ParsesNamesAndShardCounts) {
  const auto s = parse_streams_flag("orders:4,ctr,audit:1");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].name, "orders");
  EXPECT_EQ(s[0].shards, 4u);
  EXPECT_EQ(s[1].shards, 1u);
  EXPECT_TRUE(parse_streams_flag("").empty());
  EXPECT_THROW(parse_streams_flag("a:0"), ConfigError);
  EXPECT_THROW(parse_streams_flag("a:x"), ConfigError);
  EXPECT_THROW(parse_streams_flag("bad name:1"), ConfigError);
}

TEST_F(ConfigFileTest, AMissingFileIsAConfigError) {
  EXPECT_THROW(load_config("/no/such/kinesisd.json"), ConfigError);
}

}  // namespace
}  // namespace kinesisd::config
