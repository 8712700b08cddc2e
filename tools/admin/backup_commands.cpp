// soj-admin backup, backups list, restore: BackupEngine backups of a data directory.

#include <iostream>

#include "tools/admin/commands.hpp"
#include "tracker/backups.hpp"
#include "tracker/platform.hpp"

namespace soj::tools {

int RunBackup(const std::string& data_dir, const std::string& backup_dir) {
  // Offline (the server holds the store while it runs: use POST /api/v1/admin/backups then).
  auto platform = tracker::Platform::Open({.data_dir = data_dir,
                                           .create_if_missing = false,
                                           .sync = true,
                                           .clock = nullptr,
                                           .search = tracker::PlatformOptions::Search::kLater});
  if (!platform) {
    std::cerr << "soj-admin: " << platform.error().message << "\n";
    return 1;
  }
  auto taken = tracker::TakeBackup(**platform, tracker::Principal::Admin(), backup_dir);
  if (!taken) {
    std::cerr << "soj-admin: " << taken.error().message << "\n";
    return 1;
  }
  std::cout << "backup " << taken->id << " in " << backup_dir << ": " << taken->files << " files, "
            << taken->size << " bytes\n";
  return 0;
}

int RunBackupList(const std::string& backup_dir) {
  auto listed = tracker::ListBackups(backup_dir);
  if (!listed) {
    std::cerr << "soj-admin: " << listed.error().message << "\n";
    return 1;
  }
  std::cout << "id\tcreated_at\tfiles\tbytes\n";
  for (const auto& record : *listed)
    std::cout << record.id << "\t" << record.created_at.ToString() << "\t" << record.files << "\t"
              << record.size << "\n";
  return 0;
}

int RunRestore(const std::string& backup_dir, uint32_t id, const std::string& data_dir) {
  auto restored = tracker::RestoreBackup(backup_dir, id, data_dir);
  if (!restored) {
    std::cerr << "soj-admin: " << restored.error().message << "\n";
    return 1;
  }
  std::cout << "restored backup " << restored->id << " of " << restored->created_at.ToString()
            << " into " << data_dir
            << "; the search index is rebuilt when the store is next opened\n";
  return 0;
}

}  // namespace soj::tools
