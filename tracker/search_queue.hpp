#pragma once
// SearchQueue: the committed changes the full-text index has yet to apply, in commit order.
// Commit observers (on the store's writer thread) push; the index's own thread takes them in
// batches, applies them and says so. A change only names what changed (an alert, an event):
// the index reads it back from the store, so a long queue costs a few bytes per change.
//
// What a search waits for (WaitForSearch):
// - every *prompt* change pushed before it began, however long that takes: a change to an
//   alert the index may already hold can hide something (a withheld name, an unpublished
//   alert), and a search must never find what a write answered before it hid;
// - every other change (an alert the index cannot hold yet: a new one) pushed before it
//   began, up to a patience: a new alert is searchable once answered, unless a burst of
//   submissions has put the index further behind than the patience.
// While a search waits, the index works at full speed (Rest returns at once).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace soj::tracker {

struct SearchChange {
  enum class Kind { kAlert, kEvent } kind = Kind::kAlert;
  uint64_t key = 0;  // the alert id, or the event's sequence number
};

class SearchQueue {
 public:
  explicit SearchQueue(std::size_t capacity) : capacity_(capacity) {}
  SearchQueue(const SearchQueue&) = delete;
  SearchQueue& operator=(const SearchQueue&) = delete;

  // Adds a change, waiting while `capacity` changes are queued. `prompt`: searches that begin
  // after the push wait for it however long it takes (see above).
  void Push(SearchChange change, bool prompt);

  // What Take hands over: the changes, and the epoch they were taken in (see Discard).
  struct Batch {
    std::vector<SearchChange> changes;
    uint64_t epoch = 0;
    bool last = false;  // the queue is closed and this batch holds all that was left
    // Writes are outrunning the index: changes are left after this batch, and more were
    // pushed since the one before it was taken; but the queue is less than half full (past
    // that, writers will soon wait for the index, which must then work at full speed).
    bool busy = false;
  };
  // Takes up to `most` queued changes, oldest first; waits up to `timeout` when there is none
  // (an empty batch: nothing came in time, or `last`).
  Batch Take(std::size_t most, std::chrono::milliseconds timeout);
  // Says `count` taken changes have been applied (or dropped): wakes the searches waiting.
  void Done(std::size_t count);

  // Waits as a search must (see above), for at most `patience` beyond the prompt changes.
  void WaitForSearch(std::chrono::milliseconds patience) const;
  // Waits until every change pushed before the call has been applied or dropped.
  void WaitForPushed() const;
  // Waits up to `pause`, or less: until a search waits, a prompt change comes, the queue
  // gets half full or closes. The index rests so while writes arrive faster than it applies
  // them, leaving the processor to the requests.
  void Rest(std::chrono::nanoseconds pause) const;

  // Changes pushed and not yet applied or dropped.
  std::size_t pending() const;

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
  // Every prompt change pushed so far applied, then every change until `deadline` (none:
  // however long it takes).
  void WaitUntilApplied(std::optional<std::chrono::steady_clock::time_point> deadline) const;
  bool HalfFullLocked() const { return queue_.size() >= capacity_ / 2; }
  bool ShouldWakeLocked() const {
    return searching_ > 0 || prompt_ > done_ || HalfFullLocked() || closed_;
  }

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable room_;             // Push waits for it
  std::condition_variable arrived_;          // Take waits for it
  mutable std::condition_variable applied_;  // searches wait for it
  mutable std::condition_variable wake_;     // Rest waits for it
  std::deque<SearchChange> queue_;
  uint64_t pushed_ = 0;          // changes ever pushed; the n-th is applied once done_ >= n
  uint64_t prompt_ = 0;          // the number (as pushed_) of the last prompt change
  uint64_t done_ = 0;            // changes applied or dropped, oldest first
  uint64_t pushed_at_take_ = 0;  // pushed_ when the last batch was taken
  mutable int searching_ = 0;    // searches waiting
  uint64_t epoch_ = 0;
  bool closed_ = false;
};

}  // namespace soj::tracker
