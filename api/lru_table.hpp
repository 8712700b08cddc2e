#pragma once
// LruTable: a map from string keys to values that holds at most `capacity` entries. Finding a
// key marks it used; adding one to a full table first forgets the key used longest ago. Every
// operation is O(1) (a list in order of use, and a hash map into it). Not thread-safe: the
// owner locks.
//
// Why least recently used: a table of abuse counters (token buckets, failed sign-ins) must
// stay bounded under a flood of fresh keys, and the key an attacker keeps using is by that
// very use never the one forgotten. Clearing the table when full would reset the attacker too.

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
    if (auto found = index_.find(key); found != index_.end()) {
      order_.splice(order_.begin(), order_, found->second);
      return found->second->second;
    }
    if (order_.size() >= capacity_) {
      index_.erase(std::string_view(order_.back().first));
      order_.pop_back();
    }
    order_.emplace_front(std::string(key), fresh);
    // The index's keys view the strings in the list, whose nodes never move.
    index_.emplace(std::string_view(order_.front().first), order_.begin());
    return order_.front().second;
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
