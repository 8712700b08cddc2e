// The read-only side of Store: a RocksDB secondary instance of a store another process (the
// primary) writes, on the same host or a shared filesystem. It reads the primary's table
// files, MANIFEST and write-ahead logs; it never writes into the primary's directory.
//
// What differs from a primary, and why:
// - No snapshots: RocksDB 7.8's secondary refuses iterators with a snapshot. Its state moves
//   only inside TryCatchUpWithPrimary, which the owner calls, so between two catch-ups every
//   read sees one state anyway; a ReadView is then just "the current state".
// - max_open_files = -1 (required): every table file stays open, so a file the primary's
//   compaction deletes remains readable until the next catch-up drops it.
// - The sequence validators are built from (LastCommitSequence) is published by the owner
//   after it has brought its derived state (statistics, search) up to the new data.

#include <fcntl.h>
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/table.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "storage/store.hpp"

namespace soj::storage {
namespace {

Status FromRocksSecondary(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status::Ok();
  if (s.IsCorruption()) return Status::Corruption(context + ": " + s.ToString());
  return Status::IoError(context + ": " + s.ToString());
}

}  // namespace

Status Store::InitializeSecondary(const StoreOptions& options) {
  path_ = options.path;
  secondary_ = true;
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::path(path_) / "CURRENT", ec))
    return Status::NotFound("no soj-tracker store to follow at " + path_ +
                            " (start the primary first)");
  std::filesystem::create_directories(options.secondary_path, ec);
  if (ec) return Status::IoError("cannot create " + options.secondary_path + ": " + ec.message());

  rocksdb::DBOptions db_options;
  db_options.max_open_files = -1;  // required by secondary instances
  db_options.paranoid_checks = true;
  auto cache = rocksdb::NewLRUCache(128 << 20);
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  rocksdb::ColumnFamilyOptions family_options;
  family_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  std::vector<std::string> existing;
  rocksdb::Status listed = rocksdb::DB::ListColumnFamilies(db_options, path_, &existing);
  if (!listed.ok()) return FromRocksSecondary(listed, "cannot read " + path_);
  // Our families in our order (handles_ is indexed by Family); a family the primary has not
  // created yet cannot be followed.
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (std::string_view name : kFamilyNames) {
    if (std::find(existing.begin(), existing.end(), name) == existing.end())
      return Status::InvalidArgument("the store at " + path_ + " has no column family '" +
                                     std::string(name) +
                                     "'; it was written by an older or another program");
    descriptors.emplace_back(std::string(name), family_options);
  }
  rocksdb::Status opened = rocksdb::DB::OpenAsSecondary(db_options, path_, options.secondary_path,
                                                        descriptors, &handles_, &db_);
  if (!opened.ok()) return FromRocksSecondary(opened, "cannot follow the store at " + path_);

  auto version = Get(Family::kMeta, "schema_version");
  if (!version) return version.error();
  if (!*version)
    return Status::NotFound("the store at " + path_ +
                            " is not initialised yet (start the primary first)");
  if (**version != std::to_string(kSchemaVersion))
    return Status::InvalidArgument("the store at " + path_ + " has schema version " + **version +
                                   " but this soj-tracker reads version " +
                                   std::to_string(kSchemaVersion));
  auto last_alert = LastSequence(Family::kAlerts);
  if (!last_alert) return last_alert.error();
  auto last_event = LastSequence(Family::kEvents);
  if (!last_event) return last_event.error();
  published_sequence_.store(db_->GetLatestSequenceNumber(), std::memory_order_release);
  // Idle: Write never reaches it; it holds the commit observers CatchUp's owner replays to.
  writes_ = std::make_unique<WriteQueue>(db_, &handles_, *last_alert + 1, *last_event + 1,
                                         /*sync=*/true);
  return Status::Ok();
}

Status Store::ReadOnlyWrite() const {
  return Status::Unavailable("this server follows the store at " + path_ +
                             " read-only; send writes to the primary");
}

StatusOr<uint64_t> Store::CatchUp() {
  if (!secondary_) return Status::InvalidArgument("only a follower catches up");
  rocksdb::Status s = db_->TryCatchUpWithPrimary();
  if (!s.ok()) return FromRocksSecondary(s, "catching up with the primary at " + path_);
  return uint64_t{db_->GetLatestSequenceNumber()};
}

void Store::PublishSequence(uint64_t sequence) {
  published_sequence_.store(sequence, std::memory_order_release);
}

std::optional<bool> StoreLockHeld(const std::string& path) {
  const std::string lock_file = path + "/LOCK";
  const int fd = ::open(lock_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct flock query {};
  query.l_type = F_WRLCK;  // would a write lock conflict? (RocksDB holds one while open)
  query.l_whence = SEEK_SET;
  query.l_start = 0;
  query.l_len = 0;
  const int got = ::fcntl(fd, F_GETLK, &query);
  ::close(fd);
  if (got != 0) return std::nullopt;
  return query.l_type != F_UNLCK;
}

}  // namespace soj::storage
