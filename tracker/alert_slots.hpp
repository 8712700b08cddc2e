#pragma once
// AlertSlots<T>: a value per alert id. Ids are sequential from 1, so ids below 2^24 live in a
// plain vector (a few bytes per id, no hashing); larger ids, which only imports can bring,
// fall back to a hash map. Not thread-safe.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "tracker/model.hpp"

namespace soj::tracker {

template <class T>
class AlertSlots {
 public:
  static constexpr AlertId kDenseLimit = AlertId{1} << 24;

  // The value of `id`, or null.
  const T* Find(AlertId id) const {
    if (id < kDenseLimit) return id < present_.size() && present_[id] ? &dense_[id] : nullptr;
    auto it = sparse_.find(id);
    return it == sparse_.end() ? nullptr : &it->second;
  }
  T* Find(AlertId id) { return const_cast<T*>(static_cast<const AlertSlots*>(this)->Find(id)); }

  // Sets the value of `id`, replacing any.
  T& Set(AlertId id, T value) {
    if (id >= kDenseLimit) return sparse_[id] = std::move(value);
    if (id >= present_.size()) {
      // Grow geometrically: ids arrive in increasing order.
      const std::size_t size = std::max<std::size_t>(id + 1, present_.size() * 3 / 2);
      present_.resize(size, false);
      dense_.resize(size);
    }
    if (!present_[id]) ++size_;
    present_[id] = true;
    return dense_[id] = std::move(value);
  }

  void Erase(AlertId id) {
    if (id >= kDenseLimit) {
      sparse_.erase(id);
    } else if (id < present_.size() && present_[id]) {
      present_[id] = false;
      dense_[id] = T{};
      --size_;
    }
  }

  // Calls visit(id, value) for every id with a value: dense ids in order, then the others.
  template <class Visit>
  void ForEach(Visit&& visit) const {
    for (std::size_t id = 0; id < present_.size(); ++id)
      if (present_[id]) visit(static_cast<AlertId>(id), dense_[id]);
    for (const auto& [id, value] : sparse_) visit(id, value);
  }

  std::size_t size() const { return size_ + sparse_.size(); }
  std::size_t MemoryUsage() const {
    return dense_.capacity() * sizeof(T) + present_.capacity() / 8 +
           sparse_.size() * (sizeof(std::pair<const AlertId, T>) + 16) +
           sparse_.bucket_count() * sizeof(void*);
  }

 private:
  std::vector<T> dense_;
  std::vector<bool> present_;
  std::size_t size_ = 0;  // present ids in dense_
  std::unordered_map<AlertId, T> sparse_;
};

}  // namespace soj::tracker
