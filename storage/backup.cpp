#include "storage/backup.hpp"

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/utilities/backup_engine.h>

#include <filesystem>
#include <memory>
#include <mutex>

namespace soj::storage {
namespace {

Status FromRocks(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status::Ok();
  const std::string message = context + ": " + s.ToString();
  if (s.IsCorruption()) return Status::Corruption(message);
  if (s.IsNoSpace()) return Status::Unavailable(message);
  if (s.IsNotFound()) return Status::NotFound(message);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(message);
  return Status::IoError(message);
}

StatusOr<std::unique_ptr<rocksdb::BackupEngine>> OpenEngine(const std::string& backup_dir,
                                                            bool read_only) {
  rocksdb::BackupEngineOptions options(backup_dir);
  options.sync = true;                       // a backup that is there survives a power cut
  options.share_files_with_checksum = true;  // incremental, and safe across restored stores
  options.max_background_operations = 1;     // leave the cores to the server
  // Listing and restoring must not create an empty backup directory where there is none.
  if (read_only && !std::filesystem::exists(backup_dir))
    return Status::NotFound("there are no backups in " + backup_dir);
  rocksdb::BackupEngine* engine = nullptr;
  rocksdb::Status s = rocksdb::BackupEngine::Open(rocksdb::Env::Default(), options, &engine);
  if (!s.ok()) return FromRocks(s, "cannot open the backups in " + backup_dir);
  return std::unique_ptr<rocksdb::BackupEngine>(engine);
}

BackupInfo ToInfo(const rocksdb::BackupInfo& info) {
  return {info.backup_id, info.timestamp, info.size, info.number_files};
}

}  // namespace

StatusOr<BackupInfo> CreateBackup(Store& store, const std::string& backup_dir) {
  static std::mutex one_at_a_time;
  std::lock_guard lock(one_at_a_time);
  auto engine = OpenEngine(backup_dir, false);
  if (!engine) return engine.error();
  rocksdb::CreateBackupOptions options;
  // The live WAL is copied with the table files: consistent across column families without
  // flushing (a flush per family would let a commit fall between two of them).
  options.flush_before_backup = false;
  uint32_t id = 0;
  rocksdb::Status s = (*engine)->CreateNewBackup(options, store.db_, &id);
  if (!s.ok()) return FromRocks(s, "cannot back up to " + backup_dir);
  rocksdb::BackupInfo info;
  s = (*engine)->GetBackupInfo(id, &info);
  if (!s.ok()) return FromRocks(s, "cannot read backup " + std::to_string(id));
  return ToInfo(info);
}

StatusOr<std::vector<BackupInfo>> ListBackups(const std::string& backup_dir) {
  auto engine = OpenEngine(backup_dir, true);
  if (!engine) return engine.error();
  std::vector<rocksdb::BackupInfo> infos;
  (*engine)->GetBackupInfo(&infos);
  if (infos.empty()) return Status::NotFound("there are no backups in " + backup_dir);
  std::vector<BackupInfo> out;
  for (const auto& info : infos) out.push_back(ToInfo(info));
  return out;
}

Status VerifyBackup(const std::string& backup_dir, uint32_t id) {
  auto engine = OpenEngine(backup_dir, true);
  if (!engine) return engine.error();
  return FromRocks((*engine)->VerifyBackup(id, /*verify_with_checksum=*/true),
                   "backup " + std::to_string(id) + " in " + backup_dir + " is damaged");
}

Status RestoreBackup(const std::string& backup_dir, uint32_t id, const std::string& data_dir) {
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::path(data_dir) / "CURRENT", ec))
    return Status::InvalidArgument(data_dir +
                                   " holds a store; restore into a new directory, then "
                                   "swap the directories while the server is stopped");
  Status verified = VerifyBackup(backup_dir, id);
  if (!verified.ok()) return verified;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return Status::IoError("cannot create " + data_dir + ": " + ec.message());
  auto engine = OpenEngine(backup_dir, true);
  if (!engine) return engine.error();
  rocksdb::RestoreOptions options(/*keep_log_files=*/false);
  return FromRocks((*engine)->RestoreDBFromBackup(options, id, data_dir, data_dir),
                   "cannot restore backup " + std::to_string(id) + " into " + data_dir);
}

}  // namespace soj::storage
