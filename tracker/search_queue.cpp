#include "tracker/search_queue.hpp"

#include <iterator>

namespace soj::tracker {

void SearchQueue::Push(SearchChange change) {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [this] { return queue_.size() < capacity_ || closed_; });
  ++pushed_;
  if (closed_) {
    ++done_;  // nobody will apply it: a search must not wait for it
    return;
  }
  queue_.push_back(std::move(change));
  arrived_.notify_one();
}

SearchQueue::Batch SearchQueue::Take(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  arrived_.wait_for(lock, timeout, [this] { return !queue_.empty() || closed_; });
  Batch batch;
  batch.epoch = epoch_;
  batch.last = closed_;
  batch.changes.assign(std::make_move_iterator(queue_.begin()),
                       std::make_move_iterator(queue_.end()));
  queue_.clear();
  room_.notify_all();
  return batch;
}

void SearchQueue::Done(std::size_t count) {
  std::lock_guard lock(mutex_);
  done_ += count;
  applied_.notify_all();
}

void SearchQueue::WaitForPushed() const {
  std::unique_lock lock(mutex_);
  const uint64_t target = pushed_;
  applied_.wait(lock, [&] { return done_ >= target; });
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
}

}  // namespace soj::tracker
