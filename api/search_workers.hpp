#pragma once
// SearchWorkers: a few threads that answer the reads too long for a network thread (full-text
// searches, lists that count or walk a whole index) and a bounded queue in front of them.
//
// A network thread answers every connection it holds in turn: one request that computes for
// a third of a second there holds up /healthz and every cached page behind it, and a few
// dozen broad searches held up all of them. Such reads are handed over here instead
// (Api::AnswerElsewhere), and their answers go back to the connection's own thread through
// the same path as queued writes (HttpResponse::after_write).
//
// Bounded: at most `threads` run at once and `queue` wait; beyond that TrySubmit refuses at
// once, and the caller answers 503 with Retry-After. The threads run at a lower CPU priority
// than the network threads (nice +10) so that, on a machine they fill, cheap requests still
// get the processor first.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace soj::api {

class SearchWorkers {
 public:
  // Starts `threads` threads (at least one); `queue` jobs may wait beyond those running.
  // `delay_for_tests` is slept before each job: tests make the searches slow with it, to see
  // what happens while they run (never set in production).
  SearchWorkers(unsigned threads, std::size_t queue,
                std::chrono::milliseconds delay_for_tests = std::chrono::milliseconds(0));
  // Runs every job already accepted, then stops the threads.
  ~SearchWorkers();
  SearchWorkers(const SearchWorkers&) = delete;
  SearchWorkers& operator=(const SearchWorkers&) = delete;

  // Queues `job` to run on a worker, or returns false at once when every thread is busy and
  // the queue is full. The job must not throw.
  bool TrySubmit(std::function<void()> job);

  unsigned threads() const { return static_cast<unsigned>(threads_.size()); }
  std::size_t queue_limit() const { return queue_limit_; }
  // Jobs waiting or running now (a gauge).
  std::size_t busy() const;

 private:
  void Work();

  const std::size_t queue_limit_;
  const std::chrono::milliseconds delay_for_tests_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;  // waiting
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace soj::api
