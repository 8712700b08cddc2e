#pragma once
// The soj-admin commands. Each returns the process exit code and prints what it did; errors
// go to stderr in words an operator can act on.

#include <cstdint>
#include <string>

namespace soj::tools {

int RunDemo(const std::string& data_dir, std::size_t alerts, uint64_t seed, std::size_t threads);
int RunImport(const std::string& data_dir, const std::string& file, bool skip_invalid);
int RunExport(const std::string& data_dir, const std::string& format, const std::string& output,
              bool public_only);
int RunVerify(const std::string& data_dir);
// Rebuilds the full-text index (<data>/search) from the documents.
int RunReindex(const std::string& data_dir);
int RunTokenCreate(const std::string& data_dir, const std::string& role, const std::string& partner,
                   const std::string& country, const std::string& name);
int RunTokenList(const std::string& data_dir);
int RunTokenRevoke(const std::string& data_dir, const std::string& id);
// backup_commands.cpp
int RunBackup(const std::string& data_dir, const std::string& backup_dir);
int RunBackupList(const std::string& backup_dir);
int RunRestore(const std::string& backup_dir, uint32_t id, const std::string& data_dir);

}  // namespace soj::tools
