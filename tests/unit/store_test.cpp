#include "storage/store.hpp"

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <atomic>
#include <future>
#include <thread>

#include "storage/key_codec.hpp"
#include "tests/test_support.hpp"

namespace soj::storage {
namespace {

using testing::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  auto store = Store::Open({.path = path});
  EXPECT_TRUE(store) << (store ? "" : store.error().ToString());
  return store ? std::move(*store) : nullptr;
}

// Appends "key=value" (or "key=deleted") to `seen` for every committed change of the stats
// family, as a commit observer hears it.
void RecordStatsCommits(Store& store, std::vector<std::string>& seen) {
  store.writes().AddCommitObserver(
      Family::kStats, [&seen](std::string_view key, std::optional<std::string_view> v) {
        seen.push_back(std::string(key) + "=" + (v ? std::string(*v) : "deleted"));
      });
}

TEST(Store, WritesAreReadableAfterReopen) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.str());
    ASSERT_TRUE(store
                    ->Write([](Transaction& txn) {
                      txn.Put(Family::kAlerts, EncodeUint64(txn.NextAlertId()), "doc-1");
                      txn.Put(Family::kIndex, "k", "v");
                      return Status::Ok();
                    })
                    .ok());
  }
  auto store = OpenOrDie(dir.str());
  auto doc = store->Get(Family::kAlerts, EncodeUint64(1));
  ASSERT_TRUE(doc && *doc);
  EXPECT_EQ(**doc, "doc-1");
  // Ids continue after the last stored alert, never reused.
  uint64_t next = 0;
  ASSERT_TRUE(store
                  ->Write([&](Transaction& txn) {
                    next = txn.NextAlertId();
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(next, 2u);
}

TEST(Store, AbortedOperationWritesNothingAndReturnsItsIds) {
  TempDir dir;
  auto store = OpenOrDie(dir.str());
  Status s = store->Write([](Transaction& txn) {
    txn.Put(Family::kAlerts, EncodeUint64(txn.NextAlertId()), "x");
    return Status::Aborted("changed my mind");
  });
  EXPECT_EQ(s.code(), Status::Code::kAborted);
  auto doc = store->Get(Family::kAlerts, EncodeUint64(1));
  ASSERT_TRUE(doc);
  EXPECT_FALSE(*doc);
  uint64_t next = 0;
  ASSERT_TRUE(store
                  ->Write([&](Transaction& txn) {
                    next = txn.NextAlertId();
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(next, 1u);
}

TEST(Store, TransactionSeesItsGroupsEarlierWrites) {
  TempDir dir;
  auto store = OpenOrDie(dir.str());
  ASSERT_TRUE(store
                  ->Write([](Transaction& txn) {
                    txn.Put(Family::kMeta, "a", "1");
                    auto seen = txn.Get(Family::kMeta, "a");
                    if (!seen || !*seen || **seen != "1") return Status::Aborted("not seen");
                    txn.Delete(Family::kMeta, "a");
                    seen = txn.Get(Family::kMeta, "a");
                    if (!seen || *seen) return Status::Aborted("delete not seen");
                    return Status::Ok();
                  })
                  .ok());
}

TEST(Store, ConcurrentWritersAreGroupedAndEachSeesPriorCommits) {
  TempDir dir;
  auto store = OpenOrDie(dir.str());
  // A read-modify-write counter: correct only if operations run one after another.
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        Status s = store->Write([](Transaction& txn) {
          auto current = txn.Get(Family::kMeta, "counter");
          if (!current) return current.error();
          int value = *current ? std::stoi(**current) : 0;
          txn.Put(Family::kMeta, "counter", std::to_string(value + 1));
          txn.Put(Family::kEvents, EncodeUint64(txn.NextEventSeq()), "e");
          return Status::Ok();
        });
        ASSERT_TRUE(s.ok()) << s.ToString();
      }
    });
  for (auto& t : threads) t.join();
  auto counter = store->Get(Family::kMeta, "counter");
  ASSERT_TRUE(counter && *counter);
  EXPECT_EQ(**counter, "400");
  int events = 0;
  uint64_t expected = 1;
  ASSERT_TRUE(store
                  ->Scan(Family::kEvents, "", "", Direction::kForward,
                         [&](std::string_view key, std::string_view) {
                           std::string_view k = key;
                           EXPECT_EQ(ConsumeUint64(&k), expected++);
                           ++events;
                           return true;
                         })
                  .ok());
  EXPECT_EQ(events, 400);
}

TEST(Store, ScansAreBoundedAndOrderedBothWays) {
  TempDir dir;
  auto store = OpenOrDie(dir.str());
  ASSERT_TRUE(store
                  ->Write([](Transaction& txn) {
                    for (std::string k : {"a1", "a2", "a3", "b1"}) txn.Put(Family::kIndex, k, k);
                    return Status::Ok();
                  })
                  .ok());
  std::vector<std::string> seen;
  auto collect = [&](std::string_view key, std::string_view) {
    seen.emplace_back(key);
    return true;
  };
  ASSERT_TRUE(store->ScanPrefix(Family::kIndex, "a", Direction::kForward, collect).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a1", "a2", "a3"}));
  seen.clear();
  ASSERT_TRUE(store->ScanPrefix(Family::kIndex, "a", Direction::kBackward, collect).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a3", "a2", "a1"}));
  seen.clear();
  ASSERT_TRUE(store->Scan(Family::kIndex, "a2", "a3", Direction::kBackward, collect).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a2"}));
  seen.clear();
  ASSERT_TRUE(store->Scan(Family::kIndex, "", "", Direction::kBackward, collect).ok());
  EXPECT_EQ(seen.front(), "b1");
  seen.clear();
  // Stop early.
  ASSERT_TRUE(store
                  ->Scan(Family::kIndex, "", "", Direction::kForward,
                         [&](std::string_view key, std::string_view) {
                           seen.emplace_back(key);
                           return false;
                         })
                  .ok());
  EXPECT_EQ(seen.size(), 1u);
}

TEST(Store, SnapshotHidesLaterWrites) {
  TempDir dir;
  auto store = OpenOrDie(dir.str());
  auto view = store->Snapshot();
  ASSERT_TRUE(store
                  ->Write([](Transaction& txn) {
                    txn.Put(Family::kMeta, "late", "1");
                    return Status::Ok();
                  })
                  .ok());
  auto hidden = store->Get(Family::kMeta, "late", view.get());
  ASSERT_TRUE(hidden);
  EXPECT_FALSE(*hidden);
  auto seen = store->Get(Family::kMeta, "late");
  ASSERT_TRUE(seen);
  EXPECT_TRUE(*seen);
}

TEST(Store, RefusesANewerSchemaWithAClearMessage) {
  TempDir dir;
  { OpenOrDie(dir.str()); }
  {
    rocksdb::DB* raw = nullptr;
    rocksdb::Options options;
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (auto name : kFamilyNames)
      families.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir.str(), families, &handles, &raw).ok());
    ASSERT_TRUE(raw->Put(rocksdb::WriteOptions(), handles[0], "schema_version", "99").ok());
    for (auto* h : handles) ASSERT_TRUE(raw->DestroyColumnFamilyHandle(h).ok());
    delete raw;
  }
  auto store = Store::Open({.path = dir.str()});
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message().find("schema version 99"), std::string::npos);
  EXPECT_NE(store.error().message().find("newer"), std::string::npos);
}

TEST(Store, MissingDirectoryIsNotCreatedWhenAskedNotTo) {
  TempDir dir;
  auto store = Store::Open({.path = dir.str() + "/absent", .create_if_missing = false});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), Status::Code::kNotFound);
}

TEST(Store, QueueAfterStopAnswersUnavailable) {
  TempDir dir;
  auto store = OpenOrDie(dir.str());
  store->writes().Stop();
  Status s = store->Write([](Transaction&) { return Status::Ok(); });
  EXPECT_EQ(s.code(), Status::Code::kUnavailable);
}

TEST(Store, PropertiesAndFlush) {
  TempDir dir;
  auto store = OpenOrDie(dir.str());
  ASSERT_TRUE(store
                  ->Write([](Transaction& txn) {
                    txn.Put(Family::kAlerts, EncodeUint64(1), std::string(1000, 'x'));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(store->Flush().ok());
  EXPECT_GT(store->IntProperty("rocksdb.total-sst-files-size"), 0u);
  EXPECT_EQ(store->path(), dir.str());
}

TEST(Store, CommitObserversSeeCommittedChangesInOrderAndNothingElse) {
  TempDir dir;
  auto store = OpenOrDie(dir.str());
  std::vector<std::string> seen;
  RecordStatsCommits(*store, seen);
  ASSERT_TRUE(store
                  ->Write([](Transaction& txn) {
                    txn.Put(Family::kStats, "a", "1");
                    txn.Put(Family::kMeta, "other", "x");  // another family: not observed
                    txn.Put(Family::kStats, "a", "2");
                    txn.Delete(Family::kStats, "b");
                    return Status::Ok();
                  })
                  .ok());
  // An aborted operation commits nothing, so observers hear nothing of it.
  EXPECT_FALSE(store
                   ->Write([](Transaction& txn) {
                     txn.Put(Family::kStats, "c", "3");
                     return Status::Aborted("no");
                   })
                   .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a=1", "a=2", "b=deleted"}));
}

// A group is written to RocksDB in key order (write_queue.cpp): the end state must be that of
// its writes applied one by one, and observers still hear them in the order they were made.
TEST(Store, AGroupEndsAsItsWritesInOrderWhateverOrderItIsStoredIn) {
  TempDir dir;
  auto store = OpenOrDie(dir.str());
  std::vector<std::string> heard;
  RecordStatsCommits(*store, heard);
  ASSERT_TRUE(store
                  ->Write([](Transaction& txn) {
                    txn.Put(Family::kStats, "gone", "old");
                    txn.Put(Family::kStats, "back", "old");
                    return Status::Ok();
                  })
                  .ok());
  heard.clear();

  // The first operation holds the writer until the others are queued, so that they are
  // committed together, as one group.
  std::promise<void> started, release;
  std::vector<std::promise<Status>> done(5);
  const auto answer = [&](std::size_t i) { return [&, i](Status s) { done[i].set_value(s); }; };
  store->WriteQueued(
      [&](Transaction&) {
        started.set_value();
        release.get_future().wait();
        return Status::Ok();
      },
      answer(0));
  started.get_future().wait();
  store->WriteQueued(
      [](Transaction& txn) {
        txn.Put(Family::kStats, "z", "1");
        txn.Put(Family::kStats, "a", "1");
        txn.Put(Family::kStats, "m", "1");
        txn.Delete(Family::kStats, "gone");
        txn.Delete(Family::kStats, "back");
        txn.Put(Family::kStats, "back", "new");
        txn.Put(Family::kMeta, "other", "x");
        return Status::Ok();
      },
      answer(1));
  store->WriteQueued(
      [](Transaction& txn) {
        auto z = txn.Get(Family::kStats, "z");
        if (!z || *z != std::optional<std::string>("1")) return Status::Aborted("z unseen");
        txn.Put(Family::kStats, "z", "2");
        txn.Put(Family::kStats, "a", "2");
        txn.Delete(Family::kStats, "m");
        return Status::Ok();
      },
      answer(2));
  store->WriteQueued(
      [](Transaction& txn) {
        txn.Put(Family::kStats, "a", "3");
        txn.Delete(Family::kStats, "z");
        return Status::Aborted("rolled back");
      },
      answer(3));
  store->WriteQueued(
      [](Transaction& txn) {
        auto a = txn.Get(Family::kStats, "a");
        auto m = txn.Get(Family::kStats, "m");
        if (!a || *a != std::optional<std::string>("2")) return Status::Aborted("a wrong");
        if (!m || *m) return Status::Aborted("m not deleted");
        txn.Put(Family::kStats, "q", "5");
        return Status::Ok();
      },
      answer(4));
  release.set_value();
  const std::vector<Status::Code> expected = {Status::Code::kOk, Status::Code::kOk,
                                              Status::Code::kOk, Status::Code::kAborted,
                                              Status::Code::kOk};
  for (std::size_t i = 0; i < done.size(); ++i)
    EXPECT_EQ(done[i].get_future().get().code(), expected[i]) << "operation " << i;

  const auto value = [&](std::string_view key) {
    auto v = store->Get(Family::kStats, key);
    EXPECT_TRUE(v);
    return v ? *v : std::nullopt;
  };
  EXPECT_EQ(value("a"), "2");
  EXPECT_EQ(value("z"), "2");
  EXPECT_EQ(value("m"), std::nullopt);
  EXPECT_EQ(value("gone"), std::nullopt);
  EXPECT_EQ(value("back"), "new");
  EXPECT_EQ(value("q"), "5");
  EXPECT_EQ(heard, (std::vector<std::string>{"z=1", "a=1", "m=1", "gone=deleted", "back=deleted",
                                             "back=new", "z=2", "a=2", "m=deleted", "q=5"}));
  // And after reopening: what RocksDB holds, not only what its memtable answers.
  store.reset();
  store = OpenOrDie(dir.str());
  EXPECT_EQ(value("a"), "2");
  EXPECT_EQ(value("m"), std::nullopt);
  EXPECT_EQ(value("back"), "new");
}

TEST(Store, TheObservedSequenceMovesOnlyAfterTheObserversRan) {
  TempDir dir;
  auto store = OpenOrDie(dir.str());
  EXPECT_EQ(store->ObservedSequence(), store->LastCommitSequence());
  uint64_t observed_during = 0, committed_during = 0;
  store->writes().AddCommitObserver(Family::kStats,
                                    [&](std::string_view, std::optional<std::string_view>) {
                                      observed_during = store->ObservedSequence();
                                      committed_during = store->LastCommitSequence();
                                    });
  const uint64_t before = store->LastCommitSequence();
  ASSERT_TRUE(store
                  ->Write([](Transaction& txn) {
                    txn.Put(Family::kStats, "a", "1");
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(observed_during, before) << "moved before the observer ran";
  EXPECT_GT(committed_during, before);
  EXPECT_EQ(store->ObservedSequence(), store->LastCommitSequence());
}

TEST(Status, Describes) {
  EXPECT_EQ(Status::Ok().ToString(), "OK");
  EXPECT_EQ(Status::NotFound("x").ToString(), "not found: x");
  EXPECT_EQ(Status::Corruption("x").ToString(), "corruption: x");
  EXPECT_EQ(Status::IoError("x").ToString(), "I/O error: x");
  EXPECT_EQ(Status::InvalidArgument("x").ToString(), "invalid argument: x");
  EXPECT_EQ(Status::Unavailable("x").ToString(), "unavailable: x");
  EXPECT_EQ(Status::Aborted("x").ToString(), "aborted: x");
}

}  // namespace
}  // namespace soj::storage
