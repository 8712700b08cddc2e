#pragma once
// WriteQueue: the one writer of the store. Operations queue up; the writer thread runs each
// against a Transaction, commits every successful one of a group in a single synced
// WriteBatch (group commit), then answers them in order. One writer gives commit order =
// sequence order, which the changes feed depends on.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "storage/status.hpp"
#include "storage/transaction.hpp"

namespace soj::storage {

// An operation returns non-OK to abort: nothing it wrote is committed.
using WriteOp = std::function<Status(Transaction&)>;
// Called on the writer thread once the operation is durable or has failed.
using WriteDone = std::function<void(Status)>;
// Told of every committed change to one family, in commit order, on the writer thread:
// the key and the new value, or nullopt for a delete.
using CommitObserver =
    std::function<void(std::string_view key, std::optional<std::string_view> value)>;

class WriteQueue {
 public:
  WriteQueue(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>* families,
             uint64_t next_alert_id, uint64_t next_event_seq, bool sync);
  ~WriteQueue();
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Queues `op`; `done` is called on the writer thread. After Stop, `done` gets Unavailable.
  void Enqueue(WriteOp op, WriteDone done);
  // Queues `op` and waits until it is durable or failed.
  Status Run(WriteOp op);
  // Finishes every queued operation, then stops the writer thread. Idempotent.
  void Stop();
  // Registers an observer of `family`. Call before the first write: observers are not
  // guarded against concurrent registration.
  void AddCommitObserver(Family family, CommitObserver observer);
  // The store's sequence number once every observer has seen the commits up to it: what is
  // derived from commits (statistics) is at least as new as this sequence. (An observer may
  // queue work for later, as the search index does; it then answers for its own lag.)
  uint64_t ObservedSequence() const { return observed_sequence_.load(std::memory_order_acquire); }
  // Tells the observers of `family` of a change another process committed (a follower
  // replaying the primary's changes), as if this writer had committed it. Call from one
  // thread at a time, never while this queue takes writes.
  void ReplayCommitted(Family family, std::string_view key, std::optional<std::string_view> value);

 private:
  struct Pending {
    WriteOp op;
    WriteDone done;
  };
  void WriterLoop();
  void CommitGroup(std::vector<Pending>& group);
  void NotifyObservers(const PendingWrites& committed);

  rocksdb::DB* db_;
  const std::vector<rocksdb::ColumnFamilyHandle*>* families_;
  Transaction::Counters counters_;
  bool sync_;
  bool needs_resume_ = false;  // a write failed; Resume() before the next (writer thread only)
  std::atomic<uint64_t> observed_sequence_{0};
  std::vector<std::pair<Family, CommitObserver>> observers_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace soj::storage
