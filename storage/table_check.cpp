#include "storage/table_check.hpp"

#include <rocksdb/db.h>
#include <rocksdb/metadata.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_reader.h>

#include <filesystem>
#include <vector>

#include "storage/store.hpp"

namespace soj::storage {

Status VerifyTableFiles(Store& store, const std::function<bool()>& keep_going) {
  std::vector<rocksdb::LiveFileMetaData> files;
  store.db_->GetLiveFilesMetaData(&files);
  rocksdb::Options options;  // table format, comparator: RocksDB's defaults, as the store's
  rocksdb::ReadOptions read;
  read.fill_cache = false;  // one pass over everything must not evict what readers use
  read.readahead_size = 2 << 20;
  for (const rocksdb::LiveFileMetaData& file : files) {
    if (!keep_going()) return Status::Ok();
    const std::string path = file.db_path + "/" + file.name;
    rocksdb::SstFileReader reader(options);
    rocksdb::Status s = reader.Open(path);
    if (s.ok()) s = reader.VerifyChecksum(read);
    if (s.ok()) continue;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;  // compacted away meanwhile
    return Status::Corruption("the store at " + store.path() + " is damaged: table file " + path +
                              " fails its check (" + s.ToString() +
                              "); restore the latest backup (soj-admin restore)");
  }
  return Status::Ok();
}

TableCheck::TableCheck(Store& store, DamageHandler on_damage) {
  thread_ = std::thread([this, &store, on_damage = std::move(on_damage)] {
    Status s = VerifyTableFiles(store, [this] { return !stopping_.load(); });
    if (stopping_.load()) {
      state_ = State::kStopped;
    } else if (s.ok()) {
      state_ = State::kPassed;
    } else {
      {
        std::lock_guard lock(mutex_);
        problem_ = s.message();
      }
      state_ = State::kDamaged;
      if (on_damage) on_damage(s);
    }
  });
}

TableCheck::~TableCheck() {
  stopping_ = true;
  thread_.join();
}

std::string TableCheck::problem() const {
  std::lock_guard lock(mutex_);
  return problem_;
}

const char* TableCheckStateName(TableCheck::State state) {
  switch (state) {
    case TableCheck::State::kRunning:
      return "checking";
    case TableCheck::State::kPassed:
      return "ok";
    case TableCheck::State::kDamaged:
      return "damaged";
    case TableCheck::State::kStopped:
      return "stopped";
  }
  return "unknown";
}

}  // namespace soj::storage
