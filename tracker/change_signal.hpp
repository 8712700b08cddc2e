#pragma once
// ChangeSignal: tells waiters that a change was committed. The platform feeds it from a commit
// observer of the events family, so every committed change (each one records an event) bumps
// the generation after it is visible to readers. Long-polling readers note the generation
// before they read, and wait only while it is unchanged: a change committed between their
// read and their wait is never missed.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

namespace soj::tracker {

class ChangeSignal {
 public:
  // Counts commits of changes: read it before reading the changes.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // Calls `listener` after every committed change, on the store's writer thread, with a lock
  // held: it must be quick, must not block and must not call back into this signal.
  // Returns an id for Unsubscribe.
  uint64_t Subscribe(std::function<void()> listener);
  // Once it returns, the listener is not running and will not be called again.
  void Unsubscribe(uint64_t id);

  // Bumps the generation, then calls the listeners. Thread-safe.
  void Notify();

 private:
  std::atomic<uint64_t> generation_{0};
  std::mutex mutex_;
  uint64_t next_id_ = 1;
  std::map<uint64_t, std::function<void()>> listeners_;
};

}  // namespace soj::tracker
