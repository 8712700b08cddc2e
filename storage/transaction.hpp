#pragma once
// Transaction: what a write operation sees and changes inside the single writer thread.
// Reads see committed data plus everything earlier operations of the same group wrote;
// writes become durable together when the group's WriteBatch commits.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/family.hpp"
#include "storage/status.hpp"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace soj::storage {

class PendingWrites;

class Transaction {
 public:
  // Point read through this transaction (committed data overlaid with pending writes).
  StatusOr<std::optional<std::string>> Get(Family family, std::string_view key);
  void Put(Family family, std::string_view key, std::string_view value);
  void Delete(Family family, std::string_view key);

  // Sequence numbers assigned in commit order; returned to the pool if the operation aborts.
  uint64_t NextAlertId();
  uint64_t NextEventSeq();
  // Ensures future alert ids are greater than `id` (imports with explicit ids).
  void ReserveAlertIdsThrough(uint64_t id);

  // Runs `hook` after the group is durable, in commit order, before callers are answered.
  void AfterCommit(std::function<void()> hook);

 private:
  friend class WriteQueue;
  struct Counters {
    uint64_t next_alert_id;
    uint64_t next_event_seq;
  };
  Transaction(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>* families,
              PendingWrites* writes, Counters* counters)
      : db_(db), families_(families), writes_(writes), counters_(counters) {}

  rocksdb::DB* db_;
  const std::vector<rocksdb::ColumnFamilyHandle*>* families_;
  PendingWrites* writes_;
  Counters* counters_;
  std::vector<std::function<void()>> after_commit_;
};

}  // namespace soj::storage
