#pragma once
// TableCheck: reads every table file of an open store and checks each block against its
// checksum. RocksDB checks a block only when something reads it, so a file damaged on disk
// would otherwise go unnoticed until a request touched the wrong alert. A full check reads the
// whole store (gigabytes at a million alerts), so a server runs it on a thread of its own after
// it is ready; soj-admin verify runs it in the foreground.

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "storage/status.hpp"

namespace soj::storage {

class Store;

// Checks the table files live when it starts, one after the other, until `keep_going` returns
// false (checked between files). A file deleted meanwhile by a compaction is skipped: its
// blocks were read, and checked, by that compaction. Corruption names the file.
Status VerifyTableFiles(
    Store& store, const std::function<bool()>& keep_going = [] { return true; });

// Runs VerifyTableFiles on a background thread; `on_damage` is called on that thread when
// a file is damaged. The destructor stops the check between two files and joins.
class TableCheck {
 public:
  enum class State { kRunning, kPassed, kDamaged, kStopped };
  using DamageHandler = std::function<void(const Status&)>;

  TableCheck(Store& store, DamageHandler on_damage);
  ~TableCheck();
  TableCheck(const TableCheck&) = delete;
  TableCheck& operator=(const TableCheck&) = delete;

  State state() const { return state_.load(); }
  // What the check found when state() is kDamaged (empty otherwise).
  std::string problem() const;

 private:
  std::atomic<State> state_{State::kRunning};
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::string problem_;
  std::thread thread_;
};

const char* TableCheckStateName(TableCheck::State state);

}  // namespace soj::storage
