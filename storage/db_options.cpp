#include "storage/db_options.hpp"

#include <rocksdb/env.h>
#include <rocksdb/listener.h>

#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>

namespace soj::storage {
namespace {

// Appends RocksDB's log lines to one file, keeping one older file when it grows past
// kRollBytes. A line that cannot be written is dropped: logging must never stop the store.
class TolerantFileLogger : public rocksdb::Logger {
 public:
  static constexpr long kRollBytes = 16L << 20;

  explicit TolerantFileLogger(std::string path)
      : rocksdb::Logger(rocksdb::InfoLogLevel::INFO_LEVEL), path_(std::move(path)) {
    file_ = std::fopen(path_.c_str(), "a");
  }
  ~TolerantFileLogger() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    char line[4096];
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    const std::size_t stamp = std::strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &utc);
    const int written = std::vsnprintf(line + stamp, sizeof line - stamp - 1, format, ap);
    if (written < 0) return;
    std::size_t length = std::min(stamp + static_cast<std::size_t>(written), sizeof line - 2);
    line[length++] = '\n';
    std::lock_guard lock(mutex_);
    if (file_ == nullptr) return;
    std::fwrite(line, 1, length, file_);
    std::fflush(file_);
    if (std::ftell(file_) > kRollBytes) Roll();
  }

 private:
  void Roll() {
    std::fclose(file_);
    std::error_code ec;
    std::filesystem::rename(path_, path_ + ".old", ec);
    file_ = std::fopen(path_.c_str(), "a");
  }

  std::string path_;
  std::mutex mutex_;
  std::FILE* file_ = nullptr;
};

class ManualErrorRecovery : public rocksdb::EventListener {
 public:
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason, rocksdb::Status,
                            bool* auto_recovery) override {
    *auto_recovery = false;
  }
};

}  // namespace

rocksdb::DBOptions StoreDbOptions(const std::string& path) {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.max_open_files = -1;  // required later by secondary (follower) instances
  options.paranoid_checks = true;
  options.IncreaseParallelism(2);
  options.info_log = std::make_shared<TolerantFileLogger>(path + "/LOG");
  options.listeners.push_back(std::make_shared<ManualErrorRecovery>());
  return options;
}

}  // namespace soj::storage
