#pragma once
// PendingWrites: the writes of one commit group, in the order its operations made them.
// A later operation of the group reads the latest write of a key here before the store
// (Find); a failed operation's writes are undone (RollbackTo); the group commits them as one
// WriteBatch in key order (InKeyOrder), and its observers hear them in the order made.
//
// In place of RocksDB's WriteBatchWithIndex, which indexes every write as it is made: most
// operations never read back what their group wrote (a submission reads nothing), so the
// index here is made only when a read asks for it.

#include <rocksdb/write_batch.h>

#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/family.hpp"

namespace soj::storage {

class PendingWrites {
 public:
  struct Write {
    Family family;
    std::string key;
    std::optional<std::string> value;  // none: a delete
  };

  void Put(Family family, std::string_view key, std::string_view value);
  void Delete(Family family, std::string_view key);
  // The latest write of `key` in this group, or nullptr (the store has the answer).
  const Write* Find(Family family, std::string_view key);

  // How many writes were made: a savepoint to roll back to.
  std::size_t size() const { return writes_.size(); }
  bool empty() const { return writes_.empty(); }
  // Forgets every write made after the first `size`.
  void RollbackTo(std::size_t size);

  // In the order they were made.
  const std::deque<Write>& writes() const { return writes_; }
  // Every write, family by family (in `families` order), in key order within each; writes of
  // one key keep the order they were made in, so the last one wins. RocksDB inserts keys into
  // its memtable's skip list faster in order, each search starting where the previous ended.
  rocksdb::WriteBatch InKeyOrder(const std::vector<rocksdb::ColumnFamilyHandle*>& families) const;

 private:
  struct KeyOf {
    Family family;
    std::string_view key;  // into the write's own key: a deque keeps its elements in place
    bool operator==(const KeyOf&) const = default;
  };
  struct HashKey {
    std::size_t operator()(const KeyOf& k) const {
      return std::hash<std::string_view>()(k.key) ^ static_cast<std::size_t>(k.family);
    }
  };

  std::deque<Write> writes_;
  // The latest write of each key among the first `indexed_` writes; brought up to date by Find.
  std::unordered_map<KeyOf, std::size_t, HashKey> latest_;
  std::size_t indexed_ = 0;
};

}  // namespace soj::storage
