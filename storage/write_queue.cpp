#include "storage/write_queue.hpp"

#include <pthread.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "storage/pending_writes.hpp"
#include "storage/wait_for.hpp"

namespace soj::storage {
namespace {

// Operations committed together in one synced WriteBatch, at most.
constexpr std::size_t kMaxGroupSize = 512;

Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return Status::Ok();
  // The detail reaches clients in a 503: it must not name paths (the store's LOG has them).
  if (s.IsNoSpace())
    return Status::Unavailable(
        "the disk holding the store is full; writes resume once space is freed");
  if (s.IsCorruption()) return Status::Corruption(s.ToString());
  return Status::IoError(s.ToString());
}

}  // namespace

StatusOr<std::optional<std::string>> Transaction::Get(Family family, std::string_view key) {
  if (const PendingWrites::Write* written = writes_->Find(family, key)) return written->value;
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), (*families_)[static_cast<std::size_t>(family)],
               rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s);
  return std::optional<std::string>(std::move(value));
}

void Transaction::Put(Family family, std::string_view key, std::string_view value) {
  writes_->Put(family, key, value);
}

void Transaction::Delete(Family family, std::string_view key) { writes_->Delete(family, key); }

uint64_t Transaction::NextAlertId() { return counters_->next_alert_id++; }
uint64_t Transaction::NextEventSeq() { return counters_->next_event_seq++; }

void Transaction::ReserveAlertIdsThrough(uint64_t id) {
  if (counters_->next_alert_id <= id) counters_->next_alert_id = id + 1;
}

void Transaction::AfterCommit(std::function<void()> hook) {
  after_commit_.push_back(std::move(hook));
}

WriteQueue::WriteQueue(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>* families,
                       uint64_t next_alert_id, uint64_t next_event_seq, bool sync)
    : db_(db), families_(families), counters_{next_alert_id, next_event_seq}, sync_(sync) {
  observed_sequence_ = db_->GetLatestSequenceNumber();  // loaded from the store as it is
  writer_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "soj-writer");  // as top -H and perf show it
    WriterLoop();
  });
}

WriteQueue::~WriteQueue() { Stop(); }

void WriteQueue::Enqueue(WriteOp op, WriteDone done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back({std::move(op), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  done(Status::Unavailable("the store is shutting down"));
}

Status WriteQueue::Run(WriteOp op) {
  return WaitFor<Status>([&](WriteDone done) { Enqueue(std::move(op), std::move(done)); });
}

void WriteQueue::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !writer_.joinable()) return;
    stopping_ = true;
    wake_.notify_one();
  }
  if (writer_.joinable() && writer_.get_id() != std::this_thread::get_id()) writer_.join();
}

void WriteQueue::WriterLoop() {
  std::vector<Pending> group;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been committed
      while (!queue_.empty() && group.size() < kMaxGroupSize) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitGroup(group);
    group.clear();
  }
}

void WriteQueue::AddCommitObserver(Family family, CommitObserver observer) {
  observers_.emplace_back(family, std::move(observer));
}

void WriteQueue::NotifyObservers(const PendingWrites& committed) {
  for (const PendingWrites::Write& write : committed.writes())
    for (const auto& [family, observer] : observers_)
      if (family == write.family)
        observer(write.key,
                 write.value ? std::optional<std::string_view>(*write.value) : std::nullopt);
}

void WriteQueue::CommitGroup(std::vector<Pending>& group) {
  // After a failed write RocksDB refuses every write until Resume() succeeds: it flushes the
  // memtables to new files and starts a new write-ahead log, so it fails while the disk is
  // still full and succeeds once space is back. Trying it first means the first write after
  // space returns succeeds. (RocksDB's own recovery is off: storage/db_options.hpp.)
  if (needs_resume_) {
    Status resumed = FromRocks(db_->Resume());
    if (!resumed.ok()) {
      for (Pending& pending : group) pending.done(resumed);
      return;
    }
    needs_resume_ = false;
  }
  PendingWrites writes;
  const Transaction::Counters group_start = counters_;
  std::vector<Status> results;
  std::vector<std::function<void()>> hooks;
  results.reserve(group.size());
  bool any_ok = false;

  for (Pending& pending : group) {
    const std::size_t op_writes = writes.size();
    const Transaction::Counters op_start = counters_;
    Transaction txn(db_, families_, &writes, &counters_);
    Status s;
    try {
      s = pending.op(txn);
    } catch (const std::exception& e) {
      s = Status::Aborted(std::string("write operation failed: ") + e.what());
    }
    if (s.ok()) {
      any_ok = true;
      for (auto& hook : txn.after_commit_) hooks.push_back(std::move(hook));
    } else {
      writes.RollbackTo(op_writes);
      counters_ = op_start;
    }
    results.push_back(std::move(s));
  }

  if (any_ok) {
    rocksdb::WriteOptions options;
    options.sync = sync_;
    rocksdb::WriteBatch batch = writes.InKeyOrder(*families_);
    Status committed = FromRocks(db_->Write(options, &batch));
    if (committed.ok()) {
      if (!observers_.empty()) NotifyObservers(writes);
      observed_sequence_.store(db_->GetLatestSequenceNumber(), std::memory_order_release);
      for (auto& hook : hooks) hook();
    } else {
      counters_ = group_start;
      for (Status& s : results)
        if (s.ok()) s = committed;
      needs_resume_ = true;
    }
  }
  for (std::size_t i = 0; i < group.size(); ++i) group[i].done(std::move(results[i]));
}

void WriteQueue::ReplayCommitted(Family family, std::string_view key,
                                 std::optional<std::string_view> value) {
  for (const auto& [observed, observer] : observers_)
    if (observed == family) observer(key, value);
}

}  // namespace soj::storage
