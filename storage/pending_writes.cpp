#include "storage/pending_writes.hpp"

#include <algorithm>
#include <numeric>

namespace soj::storage {

void PendingWrites::Put(Family family, std::string_view key, std::string_view value) {
  writes_.push_back({family, std::string(key), std::string(value)});
}

void PendingWrites::Delete(Family family, std::string_view key) {
  writes_.push_back({family, std::string(key), std::nullopt});
}

const PendingWrites::Write* PendingWrites::Find(Family family, std::string_view key) {
  for (; indexed_ < writes_.size(); ++indexed_) {
    const Write& write = writes_[indexed_];
    latest_.insert_or_assign(KeyOf{write.family, write.key}, indexed_);
  }
  auto it = latest_.find(KeyOf{family, key});
  return it == latest_.end() ? nullptr : &writes_[it->second];
}

void PendingWrites::RollbackTo(std::size_t size) {
  if (size >= writes_.size()) return;
  writes_.resize(size);
  if (indexed_ > size) {  // the index may name undone writes: made again when next needed
    latest_.clear();
    indexed_ = 0;
  }
}

rocksdb::WriteBatch PendingWrites::InKeyOrder(
    const std::vector<rocksdb::ColumnFamilyHandle*>& families) const {
  // Room for every record up front (each record adds a few bytes of tags and lengths).
  std::size_t bytes = 12;
  for (const Write& write : writes_)
    bytes += 16 + write.key.size() + (write.value ? write.value->size() : 0);
  rocksdb::WriteBatch batch(bytes);
  std::vector<std::size_t> order(writes_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
    const Write& x = writes_[a];
    const Write& y = writes_[b];
    if (x.family != y.family) return x.family < y.family;
    return x.key < y.key;  // bytewise, as the column families compare keys
  });
  for (std::size_t i : order) {
    const Write& write = writes_[i];
    rocksdb::ColumnFamilyHandle* family = families[static_cast<std::size_t>(write.family)];
    // WriteBatch::Put and Delete fail only on keys or values over 4 GB, which callers bound.
    if (write.value)
      batch.Put(family, write.key, *write.value).PermitUncheckedError();
    else
      batch.Delete(family, write.key).PermitUncheckedError();
  }
  return batch;
}

}  // namespace soj::storage
