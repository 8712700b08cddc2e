// The table files' check: passes on a sound store, names the damaged file otherwise, and the
// background form reports its state and calls back once.

#include "storage/table_check.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "storage/key_codec.hpp"
#include "storage/store.hpp"
#include "tests/test_support.hpp"

namespace soj::storage {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

// A store with one flushed table file of about 2 MB in the alerts family (values that do
// not compress, so the file is mostly data blocks).
std::unique_ptr<Store> FilledStore(const std::string& path) {
  auto store = Store::Open({.path = path});
  EXPECT_TRUE(store);
  EXPECT_TRUE((*store)
                  ->Write([](Transaction& txn) {
                    uint32_t state = 12345;
                    for (int i = 0; i < 2000; ++i) {
                      std::string value(1000, ' ');
                      for (char& c : value) {
                        state = state * 1103515245u + 12345u;
                        c = static_cast<char>(state >> 24);
                      }
                      txn.Put(Family::kAlerts, EncodeUint64(txn.NextAlertId()), value);
                    }
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE((*store)->Flush().ok());
  return std::move(*store);
}

fs::path LargestTable(const fs::path& dir) {
  fs::path largest;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".sst" &&
        (largest.empty() || entry.file_size() > fs::file_size(largest)))
      largest = entry.path();
  return largest;
}

void FlipBytesInTheMiddle(const fs::path& file) {
  std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
  const auto middle = static_cast<std::streamoff>(fs::file_size(file) / 2);
  char bytes[8];
  out.seekg(middle);
  out.read(bytes, sizeof bytes);
  for (char& b : bytes) b = static_cast<char>(~b);
  out.seekp(middle);
  out.write(bytes, sizeof bytes);
}

TableCheck::State WaitWhileRunning(const TableCheck& check) {
  for (int i = 0; i < 200 && check.state() == TableCheck::State::kRunning; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  return check.state();
}

TEST(TableCheck, ASoundStorePasses) {
  TempDir dir;
  auto store = FilledStore(dir.str());
  EXPECT_TRUE(VerifyTableFiles(*store).ok());
  int damage_calls = 0;
  TableCheck check(*store, [&](const Status&) { ++damage_calls; });
  EXPECT_EQ(WaitWhileRunning(check), TableCheck::State::kPassed);
  EXPECT_EQ(damage_calls, 0);
  EXPECT_EQ(check.problem(), "");
  EXPECT_STREQ(TableCheckStateName(check.state()), "ok");
}

TEST(TableCheck, ADamagedDataBlockIsFoundAndTheFileNamed) {
  TempDir dir;
  auto store = FilledStore(dir.str());
  const fs::path table = LargestTable(dir.path());
  ASSERT_FALSE(table.empty());
  FlipBytesInTheMiddle(table);

  Status s = VerifyTableFiles(*store);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find(table.filename().string()), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("soj-admin restore"), std::string::npos) << s.message();

  std::atomic<int> damage_calls = 0;
  TableCheck check(*store, [&](const Status& found) {
    ++damage_calls;
    EXPECT_EQ(found.code(), Status::Code::kCorruption);
  });
  EXPECT_EQ(WaitWhileRunning(check), TableCheck::State::kDamaged);
  EXPECT_EQ(damage_calls.load(), 1);
  EXPECT_NE(check.problem().find(table.filename().string()), std::string::npos);
  EXPECT_STREQ(TableCheckStateName(check.state()), "damaged");
}

TEST(TableCheck, StopsWhenAskedBetweenFiles) {
  TempDir dir;
  auto store = FilledStore(dir.str());
  int files_seen = 0;
  Status s = VerifyTableFiles(*store, [&] { return files_seen++ < 0; });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(files_seen, 1);
}

}  // namespace
}  // namespace soj::storage
