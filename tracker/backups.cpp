#include "tracker/backups.hpp"

#include "storage/backup.hpp"

namespace soj::tracker {
namespace {

Error FromBackupStatus(const storage::Status& status) {
  switch (status.code()) {
    case storage::Status::Code::kNotFound:
      return Error::NotFound(status.message());
    case storage::Status::Code::kInvalidArgument:
      return Error::BadRequest(status.message());
    case storage::Status::Code::kUnavailable:
      return Error::Unavailable(status.message());
    default:
      return Error::Internal(status.message());
  }
}

BackupRecord ToRecord(const storage::BackupInfo& info) {
  return {info.id, Timestamp::FromUnixSeconds(info.created_at), info.size, info.files};
}

}  // namespace

Result<BackupRecord> TakeBackup(Platform& platform, const Principal& who,
                                const std::string& backup_dir) {
  if (who.role != Role::kAdmin) return Error::Forbidden("only admins take backups");
  auto info = storage::CreateBackup(platform.store(), backup_dir);
  if (!info) return FromBackupStatus(info.error());
  return ToRecord(*info);
}

Result<std::vector<BackupRecord>> ListBackups(const std::string& backup_dir) {
  auto infos = storage::ListBackups(backup_dir);
  if (!infos) return FromBackupStatus(infos.error());
  std::vector<BackupRecord> out;
  for (const auto& info : *infos) out.push_back(ToRecord(info));
  return out;
}

Result<BackupRecord> RestoreBackup(const std::string& backup_dir, uint32_t id,
                                   const std::string& data_dir) {
  auto infos = ListBackups(backup_dir);
  if (!infos) return infos.error();
  const BackupRecord* found = nullptr;
  for (const auto& record : *infos)
    if (record.id == id) found = &record;
  if (found == nullptr)
    return Error::NotFound("there is no backup " + std::to_string(id) + " in " + backup_dir);
  storage::Status restored = storage::RestoreBackup(backup_dir, id, data_dir);
  if (!restored.ok()) return FromBackupStatus(restored);
  return *found;
}

}  // namespace soj::tracker
