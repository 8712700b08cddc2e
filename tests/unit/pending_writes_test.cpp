#include "storage/pending_writes.hpp"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/test_support.hpp"

namespace soj::storage {
namespace {

using testing::TempDir;

TEST(PendingWrites, FindsTheLatestWriteOfAKeyInItsFamily) {
  PendingWrites writes;
  EXPECT_EQ(writes.Find(Family::kMeta, "a"), nullptr);
  writes.Put(Family::kMeta, "a", "1");
  writes.Put(Family::kIndex, "a", "other family");
  writes.Put(Family::kMeta, "a", "2");
  const PendingWrites::Write* found = writes.Find(Family::kMeta, "a");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->value, "2");
  writes.Delete(Family::kMeta, "a");  // made after the index was: found all the same
  found = writes.Find(Family::kMeta, "a");
  ASSERT_NE(found, nullptr);
  EXPECT_FALSE(found->value.has_value());
  found = writes.Find(Family::kIndex, "a");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->value, "other family");
  EXPECT_EQ(writes.Find(Family::kMeta, "b"), nullptr);
}

TEST(PendingWrites, RollingBackForgetsTheLaterWritesAndWhatTheyShadowed) {
  PendingWrites writes;
  writes.Put(Family::kMeta, "a", "kept");
  const std::size_t savepoint = writes.size();
  writes.Put(Family::kMeta, "a", "undone");
  writes.Put(Family::kMeta, "b", "undone");
  ASSERT_NE(writes.Find(Family::kMeta, "b"), nullptr);  // indexed past the savepoint
  writes.RollbackTo(savepoint);
  EXPECT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes.Find(Family::kMeta, "b"), nullptr);
  const PendingWrites::Write* a = writes.Find(Family::kMeta, "a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->value, "kept");
  writes.RollbackTo(5);  // beyond the end: nothing to undo
  EXPECT_EQ(writes.size(), 1u);
  writes.RollbackTo(0);
  EXPECT_TRUE(writes.empty());
  EXPECT_EQ(writes.Find(Family::kMeta, "a"), nullptr);
}

TEST(PendingWrites, KeepsTheOrderTheWritesWereMadeIn) {
  PendingWrites writes;
  writes.Put(Family::kEvents, "2", "e");
  writes.Delete(Family::kAlerts, "1");
  writes.Put(Family::kAlerts, "0", "d");
  std::vector<std::string> made;
  for (const PendingWrites::Write& w : writes.writes()) made.push_back(w.key);
  EXPECT_EQ(made, (std::vector<std::string>{"2", "1", "0"}));
}

// Reads a batch back: family id, key, value ("-" for a delete), in batch order.
class Recorder : public rocksdb::WriteBatch::Handler {
 public:
  rocksdb::Status PutCF(uint32_t family, const rocksdb::Slice& key,
                        const rocksdb::Slice& value) override {
    seen.push_back(std::to_string(family) + " " + key.ToString() + "=" + value.ToString());
    return rocksdb::Status::OK();
  }
  rocksdb::Status DeleteCF(uint32_t family, const rocksdb::Slice& key) override {
    seen.push_back(std::to_string(family) + " " + key.ToString() + "=-");
    return rocksdb::Status::OK();
  }
  std::vector<std::string> seen;
};

TEST(PendingWrites, BatchIsInFamilyThenBytewiseKeyOrderAndTheLastWriteOfAKeyComesLast) {
  TempDir dir;
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (auto name : kFamilyNames)
    descriptors.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir.str(), descriptors, &families, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);

  PendingWrites writes;
  writes.Put(Family::kIndex, "b", "1");
  writes.Put(Family::kAlerts, "z", "2");
  writes.Put(Family::kIndex, std::string("\xff", 1), "high byte");  // after "b", bytewise
  writes.Put(Family::kIndex, "a", "3");
  writes.Put(Family::kIndex, "b", "4");
  writes.Delete(Family::kIndex, "b");
  rocksdb::WriteBatch batch = writes.InKeyOrder(families);
  Recorder recorder;
  ASSERT_TRUE(batch.Iterate(&recorder).ok());
  const std::string alerts = std::to_string(families[1]->GetID());
  const std::string index = std::to_string(families[2]->GetID());
  EXPECT_EQ(recorder.seen,
            (std::vector<std::string>{alerts + " z=2", index + " a=3", index + " b=1",
                                      index + " b=4", index + " b=-", index + " \xff=high byte"}));

  // Committed, the last write of "b" wins.
  ASSERT_TRUE(db->Write(rocksdb::WriteOptions(), &batch).ok());
  std::string value;
  EXPECT_TRUE(db->Get(rocksdb::ReadOptions(), families[2], "b", &value).IsNotFound());
  for (auto* family : families) ASSERT_TRUE(db->DestroyColumnFamilyHandle(family).ok());
}

}  // namespace
}  // namespace soj::storage
