#include "tracker/change_signal.hpp"

namespace soj::tracker {

uint64_t ChangeSignal::Subscribe(std::function<void()> listener) {
  std::lock_guard lock(mutex_);
  const uint64_t id = next_id_++;
  listeners_.emplace(id, std::move(listener));
  return id;
}

void ChangeSignal::Unsubscribe(uint64_t id) {
  std::lock_guard lock(mutex_);
  listeners_.erase(id);
}

void ChangeSignal::Notify() {
  generation_.fetch_add(1, std::memory_order_acq_rel);
  std::lock_guard lock(mutex_);
  for (const auto& [id, listener] : listeners_) listener();
}

}  // namespace soj::tracker
