#pragma once
// Backups of a platform's store (storage/backup.hpp) as the use cases see them: only admins
// take one online; soj-admin lists and restores offline. The search index is not backed up:
// it is derived, and a restored store makes the next open rebuild it (search_index.hpp).

#include <cstdint>
#include <string>
#include <vector>

#include "tracker/calendar.hpp"
#include "tracker/error.hpp"
#include "tracker/platform.hpp"
#include "tracker/principal.hpp"

namespace soj::tracker {

struct BackupRecord {
  uint32_t id = 0;
  Timestamp created_at;
  uint64_t size = 0;  // bytes
  uint32_t files = 0;
};

// Takes a consistent backup of the open store into `backup_dir` while traffic continues.
// kForbidden for anyone but an admin; kUnavailable when the disk is full.
Result<BackupRecord> TakeBackup(Platform& platform, const Principal& who,
                                const std::string& backup_dir);

// The backups in `backup_dir`, oldest first; kNotFound when there are none.
Result<std::vector<BackupRecord>> ListBackups(const std::string& backup_dir);

// Restores backup `id` into `data_dir`, which must hold no store (kBadRequest otherwise).
// The backup's checksums are verified first.
Result<BackupRecord> RestoreBackup(const std::string& backup_dir, uint32_t id,
                                   const std::string& data_dir);

}  // namespace soj::tracker
