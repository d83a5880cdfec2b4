#include "iam/kms_aliases.hpp"

#include <gtest/gtest.h>

#include "iam/identities.hpp"

namespace kinesisd::iam {
namespace {

constexpr const char* kAliasedKey = "1234abcd-12ab-34cd-56ef-1234567890ab";
const std::string kAliasedKeyArn =
    std::string("arn:aws:kms:us-east-1:000000000000:key/") + kAliasedKey;

KmsAliases known_aliases() {
  return KmsAliases::parse(nlohmann::json{{"alias/ctr", kAliasedKey},
                                          {"alias/cases", kAliasedKey},
                                          {"alias/other", "arn:aws:kms:eu-west-1:1:key/abc"}});
}

}  // namespace

TEST(KmsAliases, AnAliasResolvesToItsKeyInTheStreamsRegionAndAccount) {
  const auto aliases = known_aliases();
  for (const std::string named : {"alias/ctr", "arn:aws:kms:us-east-1:000000000000:alias/ctr"}) {
    const auto key = aliases.resolve(named, "us-east-1", "000000000000");
    EXPECT_EQ(key.arn, kAliasedKeyArn) << named;
    EXPECT_EQ(key.request_alias, "alias/ctr");
    EXPECT_EQ(key.aliases, (std::vector<std::string>{"alias/cases", "alias/ctr"}));
  }
  const auto by_id = aliases.resolve(kAliasedKey, "us-east-1", "000000000000");
  EXPECT_EQ(by_id.arn, kAliasedKeyArn);
  EXPECT_FALSE(by_id.request_alias);
  EXPECT_EQ(by_id.aliases.size(), 2u);
  EXPECT_EQ(aliases.resolve("alias/other", "us-east-1", "000000000000").arn,
            "arn:aws:kms:eu-west-1:1:key/abc");
}

TEST(KmsAliases, AnUnknownAliasStandsForItself) {
  const auto key = known_aliases().resolve("alias/nope", "us-west-2", "111122223333");
  EXPECT_EQ(key.arn, "arn:aws:kms:us-west-2:111122223333:alias/nope");
  EXPECT_EQ(key.request_alias, "alias/nope");
  const auto managed = KmsAliases{}.resolve("alias/aws/kinesis", "us-east-1", "000000000000");
  EXPECT_EQ(managed.request_alias, "alias/aws/kinesis");
}

TEST(KmsAliases, RefusesWhatKmsWouldNotCreate) {
  for (const auto& bad :
       {nlohmann::json::array(), nlohmann::json{{"ctr", kAliasedKey}},
        nlohmann::json{{"alias/aws/kinesis", kAliasedKey}}, nlohmann::json{{"alias/x", ""}},
        nlohmann::json{{"alias/x", 5}}, nlohmann::json{{"alias/x", "alias/y"}}})
    EXPECT_THROW(KmsAliases::parse(bad), IdentityError) << bad.dump();
}

}  // namespace kinesisd::iam
