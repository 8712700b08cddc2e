#include "tracker/search_queue.hpp"

#include <algorithm>
#include <iterator>

namespace soj::tracker {

void SearchQueue::Push(SearchChange change, bool prompt) {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [this] { return queue_.size() < capacity_ || closed_; });
  ++pushed_;
  if (closed_) {
    ++done_;  // nobody will apply it: a search must not wait for it
    return;
  }
  if (prompt) prompt_ = pushed_;
  queue_.push_back(change);
  if (prompt || queue_.size() == capacity_ / 2) wake_.notify_all();
  arrived_.notify_one();
}

SearchQueue::Batch SearchQueue::Take(std::size_t most, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  arrived_.wait_for(lock, timeout, [this] { return !queue_.empty() || closed_; });
  Batch batch;
  batch.epoch = epoch_;
  const auto end = queue_.begin() + static_cast<std::ptrdiff_t>(std::min(most, queue_.size()));
  batch.changes.assign(queue_.begin(), end);
  queue_.erase(queue_.begin(), end);
  batch.last = closed_ && queue_.empty();
  batch.busy = !queue_.empty() && pushed_ > pushed_at_take_ && !HalfFullLocked();
  pushed_at_take_ = pushed_;
  room_.notify_all();
  return batch;
}

void SearchQueue::Done(std::size_t count) {
  std::lock_guard lock(mutex_);
  done_ += count;
  applied_.notify_all();
}

void SearchQueue::WaitForSearch(std::chrono::milliseconds patience) const {
  WaitUntilApplied(std::chrono::steady_clock::now() + patience);
}

void SearchQueue::WaitForPushed() const { WaitUntilApplied(std::nullopt); }

void SearchQueue::WaitUntilApplied(
    std::optional<std::chrono::steady_clock::time_point> deadline) const {
  std::unique_lock lock(mutex_);
  const uint64_t prompt = prompt_, all = pushed_;
  if (done_ >= all) return;
  ++searching_;
  wake_.notify_all();
  if (deadline) {
    applied_.wait(lock, [&] { return done_ >= prompt; });
    applied_.wait_until(lock, *deadline, [&] { return done_ >= all; });
  } else {
    applied_.wait(lock, [&] { return done_ >= all; });
  }
  --searching_;
}

void SearchQueue::Rest(std::chrono::nanoseconds pause) const {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, pause, [this] { return ShouldWakeLocked(); });
}

std::size_t SearchQueue::pending() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(pushed_ - done_);
}

std::unique_lock<std::mutex> SearchQueue::Discard() {
  std::unique_lock lock(mutex_);
  done_ += queue_.size();
  queue_.clear();
  ++epoch_;
  room_.notify_all();
  applied_.notify_all();
  return lock;
}

uint64_t SearchQueue::epoch() const {
  std::lock_guard lock(mutex_);
  return epoch_;
}

void SearchQueue::Close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  arrived_.notify_all();
  room_.notify_all();
  wake_.notify_all();
}

}  // namespace soj::tracker
