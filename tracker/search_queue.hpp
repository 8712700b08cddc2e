#pragma once
// SearchQueue: the committed changes the full-text index has yet to apply, in commit order.
// Commit observers (on the store's writer thread) push; the index's own thread takes them in
// batches, applies them and says so; a search first waits until every change pushed before it
// began has been applied, so a write is searchable once its caller has been answered, while
// the writer never waits for Xapian (only for room, when the index falls far behind).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace soj::tracker {

struct SearchChange {
  enum class Kind { kAlert, kEvent } kind = Kind::kAlert;
  uint64_t key = 0;                  // the alert id, or the event's sequence number
  std::optional<std::string> value;  // the stored document (none: deleted), or the event
};

class SearchQueue {
 public:
  explicit SearchQueue(std::size_t capacity) : capacity_(capacity) {}
  SearchQueue(const SearchQueue&) = delete;
  SearchQueue& operator=(const SearchQueue&) = delete;

  // Adds a change, waiting while `capacity` changes are queued.
  void Push(SearchChange change);

  // What Take hands over: the changes, and the epoch they were taken in (see Discard).
  struct Batch {
    std::vector<SearchChange> changes;
    uint64_t epoch = 0;
    bool last = false;  // the queue is closed and this batch holds all that was left
  };
  // Takes every queued change; waits up to `timeout` when there is none (an empty batch:
  // nothing came in time, or `last`).
  Batch Take(std::chrono::milliseconds timeout);
  // Says `count` taken changes have been applied (or dropped): wakes the searches waiting.
  void Done(std::size_t count);
  // Waits until every change pushed before the call has been applied or dropped.
  void WaitForPushed() const;

  // Drops every queued change and ends the epoch, so batches already taken are known to be
  // stale. Pushes wait until the returned lock is released: hold it until what the dropped
  // changes held (every commit so far) has been read from the store.
  [[nodiscard]] std::unique_lock<std::mutex> Discard();
  // Changes a batch of `epoch` may be applied only while this is `epoch` (read it under the
  // lock that Discard's callers hold).
  uint64_t epoch() const;

  // No more changes: Take hands out what is left (a `last` batch) at once.
  void Close();

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable room_;             // Push waits for it
  std::condition_variable arrived_;          // Take waits for it
  mutable std::condition_variable applied_;  // WaitForPushed waits for it
  std::deque<SearchChange> queue_;
  uint64_t pushed_ = 0;
  uint64_t done_ = 0;
  uint64_t epoch_ = 0;
  bool closed_ = false;
};

}  // namespace soj::tracker
