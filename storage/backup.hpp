#pragma once
// Backups of a store with RocksDB's BackupEngine: incremental (files shared between backups),
// checksummed, and consistent across column families (the live write-ahead log is copied
// with the table files, so a backup is the store as of one commit). Taking one does not stop
// writers; restoring one is offline, into a directory that holds no store.

#include <cstdint>
#include <string>
#include <vector>

#include "storage/status.hpp"
#include "storage/store.hpp"

namespace soj::storage {

struct BackupInfo {
  uint32_t id = 0;         // increasing; the latest backup has the largest id
  int64_t created_at = 0;  // seconds since the Unix epoch
  uint64_t size = 0;       // bytes of the files it needs (shared files counted in each)
  uint32_t files = 0;
};

// Takes a backup of the open `store` into `backup_dir` (created when missing) while writes
// continue. Concurrent calls for one process are serialised. IoError/Unavailable (no space)
// when it cannot be written; the partial backup is then removed by RocksDB.
StatusOr<BackupInfo> CreateBackup(Store& store, const std::string& backup_dir);

// The backups in `backup_dir`, oldest first. NotFound when the directory holds none.
StatusOr<std::vector<BackupInfo>> ListBackups(const std::string& backup_dir);

// Checks every file of backup `id` against its recorded checksum.
Status VerifyBackup(const std::string& backup_dir, uint32_t id);

// Restores backup `id` from `backup_dir` into `data_dir`, which must not hold a store (an
// existing store is never overwritten: restore next to it, then swap the directories). The
// search index is not in backups; the next open rebuilds it from the restored documents.
Status RestoreBackup(const std::string& backup_dir, uint32_t id, const std::string& data_dir);

}  // namespace soj::storage
