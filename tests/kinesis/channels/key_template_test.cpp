#include "kinesis/channels/key_template.hpp"

#include <gtest/gtest.h>

namespace kinesisd::channels {
namespace {

// 2026-12-07T14:05:09Z
constexpr int64_t kMs = 1796652309000;

TEST(KeyTemplate, TheDefaultTemplateNamesTheChannelAndTheHour) {
  // The default of the developer guide's "S3 output key template for Amazon S3
  // delivery"; the unique suffix goes before the extension.
  EXPECT_EQ(expand_key(kDefaultKeyTemplate, {"orders", "id-1", ".gz", kMs}, "u"),
            "kinesis-channel/orders/id-1/2026/12/07/14/orders-id-1-2026-12-07-14-05-u.gz");
}

TEST(KeyTemplate, WithoutAnExtensionAtTheEndTheSuffixEndsTheKey) {
  EXPECT_EQ(expand_key("!{YY}/!{dd}/!{extension}/x", {"c", "i", ".zst", kMs}, "u"),
            "26/07/.zst/x-u");
  EXPECT_EQ(expand_key("plain", {"c", "i", "", kMs}, "u"), "plain-u");
}

TEST(KeyTemplate, ChecksVariablesAndSlashes) {
  EXPECT_EQ(check_key_template(kDefaultKeyTemplate), "");
  EXPECT_EQ(check_key_template("a/!{mm}!{extension}"), "");
  EXPECT_NE(check_key_template("!{shard}/x").find("!{shard}"), std::string::npos);
  EXPECT_NE(check_key_template("x/!{yyyy"), "");
  EXPECT_NE(check_key_template("/x"), "");
  EXPECT_NE(check_key_template("x/"), "");
  EXPECT_NE(check_key_template("a/../b"), "");
}

}  // namespace
}  // namespace kinesisd::channels
