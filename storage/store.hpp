#pragma once
// Store: the embedded RocksDB database of soj-tracker. Generic over records: the domain layer
// decides what documents, index keys and events contain; the store keeps them durable,
// atomic (one WriteBatch per operation) and readable by key or by bounded range.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/family.hpp"
#include "storage/status.hpp"
#include "storage/write_queue.hpp"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class Snapshot;
}  // namespace rocksdb

namespace soj::storage {

// The on-disk layout version this build reads and writes.
inline constexpr int kSchemaVersion = 1;

struct StoreOptions {
  std::string path;
  bool create_if_missing = true;
  // fsync the write-ahead log before a write is acknowledged. Only tests and bulk tools that
  // flush at the end may turn this off.
  bool sync = true;
  // Non-empty: open the store at `path`, which another process (the primary) writes, as a
  // read-only RocksDB secondary instance whose own files (info log) go here. Such a store sees
  // the primary's commits only when CatchUp is called; Write fails; see store_secondary.cpp.
  std::string secondary_path{};
};

struct BackupInfo;

enum class Direction { kForward, kBackward };

// A consistent read view; readers that page through several scans may hold one.
class ReadView {
 public:
  ~ReadView();
  ReadView(const ReadView&) = delete;
  ReadView& operator=(const ReadView&) = delete;

 private:
  friend class Store;
  ReadView(rocksdb::DB* db, const rocksdb::Snapshot* snapshot, bool fill_cache)
      : db_(db), snapshot_(snapshot), fill_cache_(fill_cache) {}
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
  bool fill_cache_;
};

class Store {
 public:
  // Opens (or creates) the store at options.path. Fails with a clear message when the
  // directory holds a newer or unknown schema, or when RocksDB reports corruption.
  static StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Committed value of `key`, or nullopt when absent.
  StatusOr<std::optional<std::string>> Get(Family family, std::string_view key,
                                           const ReadView* view = nullptr) const;

  // Visits keys in [lower, upper) in `direction` order until `visit` returns false.
  // An empty `upper` means "to the end of the family".
  using Visitor = std::function<bool(std::string_view key, std::string_view value)>;
  Status Scan(Family family, std::string_view lower, std::string_view upper, Direction direction,
              const Visitor& visit, const ReadView* view = nullptr) const;

  // Visits every key starting with `prefix`.
  Status ScanPrefix(Family family, std::string_view prefix, Direction direction,
                    const Visitor& visit, const ReadView* view = nullptr) const;

  // `fill_cache` false: reads through this view do not fill the block cache, so one long walk
  // over the whole store (an export) neither grows memory nor evicts what other readers use.
  std::unique_ptr<ReadView> Snapshot(bool fill_cache = true) const;

  // The sequence number of the last committed write: it changes whenever anything commits,
  // so (sequence, query) is a cheap validator for answers computed from the store.
  uint64_t LastCommitSequence() const;
  // Up to which sequence the commit observers have seen every commit (WriteQueue): answers
  // built from derived state (statistics) are keyed by this one, never by LastCommitSequence,
  // which moves before the observers run.
  // On a follower: the published sequence (published once the derived state caught up).
  uint64_t ObservedSequence() const {
    if (secondary_) return published_sequence_.load(std::memory_order_acquire);
    return writes_->ObservedSequence();
  }

  // The single writer; see WriteQueue. A read-only (secondary) store has one too, idle, so
  // that commit observers can be registered and told of changes replayed from the primary.
  WriteQueue& writes() { return *writes_; }
  // Runs `op` as one atomic, durable write. Unavailable on a read-only store.
  Status Write(WriteOp op) {
    if (secondary_) return ReadOnlyWrite();
    return writes_->Run(std::move(op));
  }
  // Queues `op` as one atomic, durable write without waiting; `done` as WriteQueue::Enqueue
  // says (on the calling thread at once on a read-only store).
  void WriteQueued(WriteOp op, WriteDone done) {
    if (secondary_) return done(ReadOnlyWrite());
    writes_->Enqueue(std::move(op), std::move(done));
  }

  // Whether this store was opened as a secondary instance (StoreOptions::secondary_path).
  bool read_only() const { return secondary_; }
  // Secondary only: reads what the primary committed since the last call (its MANIFEST and
  // write-ahead logs) and returns the sequence of the newest commit now readable. Reads see
  // the new state at once, but LastCommitSequence keeps the published sequence until
  // PublishSequence, so validators move only once the caller's derived state has caught up.
  StatusOr<uint64_t> CatchUp();
  // Secondary only: the sequence LastCommitSequence reports from now on.
  void PublishSequence(uint64_t sequence);

  // Flushes memtables to SST files (bulk tools call it after unsynced loads).
  Status Flush();

  // A RocksDB integer property (e.g. "rocksdb.estimate-live-data-size") summed over families.
  uint64_t IntProperty(std::string_view name) const;

  const std::string& path() const { return path_; }

 private:
  // storage/backup.hpp: BackupEngine works on the open database.
  friend StatusOr<BackupInfo> CreateBackup(Store& store, const std::string& backup_dir);
  // storage/table_check.hpp: lists the live table files.
  friend Status VerifyTableFiles(Store& store, const std::function<bool()>& keep_going);
  Store() = default;
  Status Initialize(const StoreOptions& options);
  // store_secondary.cpp: the secondary (follower) side.
  Status InitializeSecondary(const StoreOptions& options);
  Status ReadOnlyWrite() const;
  rocksdb::ColumnFamilyHandle* Handle(Family family) const {
    return handles_[static_cast<std::size_t>(family)];
  }
  StatusOr<uint64_t> LastSequence(Family family) const;

  std::string path_;
  rocksdb::DB* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::unique_ptr<WriteQueue> writes_;
  bool secondary_ = false;
  std::atomic<uint64_t> published_sequence_{0};  // secondary: what LastCommitSequence says
};

// Whether another process holds the RocksDB lock of the store at `path` (its LOCK file), that
// is whether a primary has it open; checked without taking the lock (fcntl F_GETLK). Never
// call it on a store this process has open: closing the probe would drop this process's lock.
// nullopt when the lock file cannot be read.
std::optional<bool> StoreLockHeld(const std::string& path);

}  // namespace soj::storage
