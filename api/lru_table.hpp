#pragma once
// LruTable: a map from string keys to values that holds at most `capacity` entries. Finding a
// key marks it used; adding one to a full table first forgets the key used longest ago. Every
// operation is O(1) (a list in order of use, and a hash map into it). Not thread-safe: the
// owner locks.
//
// Why least recently used: desk sessions in use stay while unused ones go; and a table of abuse
// counters (token buckets, failed sign-ins) must stay bounded under a flood of fresh keys, and the
// key an attacker keeps using is by that very use never the one forgotten. Clearing the table when
// full would reset the attacker too.

#include <algorithm>
#include <cstddef>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace soj::api {

template <class Value>
class LruTable {
 public:
  explicit LruTable(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}
  LruTable(const LruTable&) = delete;
  LruTable& operator=(const LruTable&) = delete;

  // The value of `key`, marked most recently used; when absent, `fresh` is added for it
  // (forgetting the least recently used key if the table is full). The reference stays valid
  // until the key is forgotten.
  Value& FindOrAdd(std::string_view key, const Value& fresh) {
    if (Value* found = Find(key)) return *found;
    return Add(std::string(key), fresh);
  }
  // The value of `key`, marked most recently used, or null when absent.
  Value* Find(std::string_view key) {
    auto found = index_.find(key);
    if (found == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, found->second);
    return &found->second->second;
  }
  // Adds `value` under `key`, which must be absent, first forgetting the least recently used
  // key if the table is full.
  Value& Add(std::string key, Value value) {
    if (order_.size() >= capacity_) EraseLeastRecent();
    order_.emplace_front(std::move(key), std::move(value));
    // The index's keys view the strings in the list, whose nodes never move.
    index_.emplace(std::string_view(order_.front().first), order_.begin());
    return order_.front().second;
  }
  void Erase(std::string_view key) {
    auto found = index_.find(key);
    if (found == index_.end()) return;
    const auto node = found->second;
    index_.erase(found);
    order_.erase(node);
  }
  // The value used longest ago (not marked used), or null when the table is empty.
  const Value* LeastRecent() const { return order_.empty() ? nullptr : &order_.back().second; }
  void EraseLeastRecent() {
    if (order_.empty()) return;
    index_.erase(std::string_view(order_.back().first));
    order_.pop_back();
  }

  bool contains(std::string_view key) const { return index_.contains(key); }
  std::size_t size() const { return order_.size(); }
  std::size_t capacity() const { return capacity_; }

 private:
  using Order = std::list<std::pair<std::string, Value>>;
  std::size_t capacity_;
  Order order_;  // most recently used first
  std::unordered_map<std::string_view, typename Order::iterator> index_;
};

}  // namespace soj::api
