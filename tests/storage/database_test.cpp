#include "storage/database.hpp"

#include <gtest/gtest.h>

#include "tests/storage/temp_dir.hpp"

namespace kinesisd::storage {
namespace {

TEST(Database, KeepsTablesOfKeysAcrossReopening) {
  testing::TempDir dir;
  {
    Database db(dir / "k.db", Durability::kProcess);
    db.put("t", "b", "2");
    db.put("t", "a", "1");
    db.put("u", "a", std::string("\0x", 2));  // values are bytes
    db.put("t", "a", "one");                  // replaced
  }
  Database db(dir / "k.db", Durability::kFsync);
  EXPECT_EQ(db.get("t", "a"), "one");
  EXPECT_EQ(db.get("u", "a"), std::string("\0x", 2));
  EXPECT_FALSE(db.get("t", "c"));
  const auto all = db.scan("t");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].first, "a");  // in key order
  EXPECT_EQ(all[1].first, "b");
}

TEST(Database, ScansAndErasesByPrefix) {
  testing::TempDir dir;
  Database db(dir / "k.db", Durability::kProcess);
  for (const char* k : {"1/a", "1/b", "10/a", "2/a"}) db.put("t", k, k);
  EXPECT_EQ(db.scan("t", "1/").size(), 2u);
  db.erase_prefix("t", "1/");
  EXPECT_EQ(db.scan("t").size(), 2u);
  db.erase("t", "2/a");
  EXPECT_EQ(db.scan("t").size(), 1u);
  EXPECT_EQ(db.scan("t", "").front().first, "10/a");
}

TEST(Database, ATransactionIsAllOrNothing) {
  testing::TempDir dir;
  Database db(dir / "k.db", Durability::kProcess);
  EXPECT_THROW(db.transaction([&] {
    db.put("t", "a", "1");
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_FALSE(db.get("t", "a"));
  db.transaction([&] {
    db.put("t", "a", "1");
    db.put("t", "b", "2");
  });
  EXPECT_EQ(db.scan("t").size(), 2u);
}

TEST(Database, AFileThatIsNotADatabaseIsAnError) {
  testing::TempDir dir;
  EXPECT_THROW(Database(dir / "missing/k.db", Durability::kProcess), Error);
}

}  // namespace
}  // namespace kinesisd::storage
