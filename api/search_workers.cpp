#include "api/search_workers.hpp"

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>

namespace soj::api {

SearchWorkers::SearchWorkers(unsigned threads, std::size_t queue,
                             std::chrono::milliseconds delay_for_tests)
    : queue_limit_(queue), delay_for_tests_(delay_for_tests) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) threads_.emplace_back([this] { Work(); });
}

SearchWorkers::~SearchWorkers() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

bool SearchWorkers::TrySubmit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    // A job is refused only when no thread is free and the queue is full: with free threads
    // the queue is empty, so that is jobs_.size() reaching the limit.
    if (stopping_ || jobs_.size() + running_ >= threads_.size() + queue_limit_) return false;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

std::size_t SearchWorkers::busy() const {
  std::lock_guard lock(mutex_);
  return jobs_.size() + running_;
}

void SearchWorkers::Work() {
  pthread_setname_np(pthread_self(), "soj-search-req");
  // Linux gives each thread its own nice value: the network threads keep the default and win
  // the processor whenever they have work (a nice +10 thread weighs a tenth of one at 0).
  // Failing to lower it only costs that; it is never an error.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and every accepted job has run
      job = std::move(jobs_.front());
      jobs_.pop_front();
      ++running_;
    }
    if (delay_for_tests_.count() > 0) std::this_thread::sleep_for(delay_for_tests_);
    job();
    std::lock_guard lock(mutex_);
    --running_;
  }
}

}  // namespace soj::api
