#pragma once
// CountFeeder: hands alerts to an AlertCountIndex on a thread of its own, in batches. Adding
// alerts to the count cells is about half the work of a statistics rebuild, and independent
// of the rest, so a rebuild reads, decodes and indexes everything else while this thread
// counts. The index belongs to the feeder's thread until Finish returns.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "tracker/alert_count_index.hpp"

namespace soj::tracker {

class CountFeeder {
 public:
  explicit CountFeeder(AlertCountIndex& counts);
  // Finishes if the caller did not.
  ~CountFeeder();
  CountFeeder(const CountFeeder&) = delete;
  CountFeeder& operator=(const CountFeeder&) = delete;

  // Queues `alert` (its partners are copied); blocks while the thread is far behind.
  void Add(const CountedAlert& alert);
  // Waits until every alert added is counted.
  void Finish();

 private:
  // Alerts whose partners live in `partners`, at (offset, count) each.
  struct Batch {
    std::vector<CountedAlert> alerts;
    std::vector<std::pair<uint32_t, uint32_t>> partner_ranges;
    std::vector<uint16_t> partners;
  };
  static constexpr std::size_t kBatchSize = 4096;
  static constexpr std::size_t kMaxQueued = 4;

  void Run();
  void Push();

  AlertCountIndex& counts_;
  Batch filling_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<Batch> queued_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace soj::tracker
