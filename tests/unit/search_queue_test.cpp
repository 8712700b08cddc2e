// SearchQueue: the hand-over of committed changes from the store's writer to the search
// index's thread, with real threads.

#include "tracker/search_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace soj::tracker {
namespace {

using namespace std::chrono_literals;

SearchChange Alert(uint64_t id) { return {SearchChange::Kind::kAlert, id, "{}"}; }

// Whether a search starting now would stop waiting within 5 s. A wait that does not end is
// released (every change counted done) so that the test fails instead of hanging.
bool SearchWaitEnds(SearchQueue& queue) {
  auto waiting = std::async(std::launch::async, [&] { queue.WaitForPushed(); });
  if (waiting.wait_for(5s) == std::future_status::ready) return true;
  queue.Done(1u << 20);
  return false;
}

TEST(SearchQueue, TakesEveryChangeInTheOrderPushed) {
  SearchQueue queue(16);
  queue.Push(Alert(1));
  queue.Push({SearchChange::Kind::kEvent, 7, "event"});
  queue.Push({SearchChange::Kind::kAlert, 2, std::nullopt});
  SearchQueue::Batch batch = queue.Take(0ms);
  ASSERT_EQ(batch.changes.size(), 3u);
  EXPECT_EQ(batch.changes[0].key, 1u);
  EXPECT_EQ(batch.changes[1].kind, SearchChange::Kind::kEvent);
  EXPECT_EQ(batch.changes[1].value, "event");
  EXPECT_EQ(batch.changes[2].value, std::nullopt);
  EXPECT_TRUE(queue.Take(1ms).changes.empty());
}

TEST(SearchQueue, ASearchWaitsUntilWhatWasPushedBeforeItIsApplied) {
  SearchQueue queue(16);
  queue.Push(Alert(1));
  queue.Push(Alert(2));
  auto waiting = std::async(std::launch::async, [&] { queue.WaitForPushed(); });
  EXPECT_EQ(waiting.wait_for(50ms), std::future_status::timeout);
  SearchQueue::Batch batch = queue.Take(0ms);
  queue.Push(Alert(3));  // pushed after the search began: not waited for
  EXPECT_EQ(waiting.wait_for(50ms), std::future_status::timeout);
  queue.Done(batch.changes.size());
  const bool ended = waiting.wait_for(5s) == std::future_status::ready;
  if (!ended) queue.Done(1u << 20);  // fail, not hang
  EXPECT_TRUE(ended);
}

TEST(SearchQueue, AFullQueueHoldsTheWriterUntilThereIsRoom) {
  SearchQueue queue(2);
  queue.Push(Alert(1));
  queue.Push(Alert(2));
  std::atomic<bool> pushed{false};
  std::thread writer([&] {
    queue.Push(Alert(3));
    pushed = true;
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(pushed);
  EXPECT_EQ(queue.Take(0ms).changes.size(), 2u);
  writer.join();
  EXPECT_TRUE(pushed);
  EXPECT_EQ(queue.Take(0ms).changes.at(0).key, 3u);
}

TEST(SearchQueue, DiscardDropsWhatIsQueuedEndsTheEpochAndHoldsPushes) {
  SearchQueue queue(16);
  queue.Push(Alert(1));
  SearchQueue::Batch taken = queue.Take(0ms);
  queue.Push(Alert(2));
  std::promise<void> pushed;
  std::thread writer;
  {
    auto hold = queue.Discard();
    writer = std::thread([&] {
      queue.Push(Alert(3));
      pushed.set_value();
    });
    EXPECT_EQ(pushed.get_future().wait_for(50ms), std::future_status::timeout);
  }
  writer.join();
  EXPECT_NE(taken.epoch, queue.epoch());  // the batch taken before is stale
  SearchQueue::Batch after = queue.Take(0ms);
  ASSERT_EQ(after.changes.size(), 1u);  // 2 was dropped
  EXPECT_EQ(after.changes[0].key, 3u);
  EXPECT_EQ(after.epoch, queue.epoch());
  queue.Done(taken.changes.size());
  queue.Done(after.changes.size());
  EXPECT_TRUE(SearchWaitEnds(queue));  // the dropped one counts done
}

TEST(SearchQueue, ClosedItHandsOutWhatIsLeftAsTheLastBatchAndWaitsForNoOne) {
  SearchQueue queue(16);
  queue.Push(Alert(1));
  EXPECT_FALSE(queue.Take(0ms).last);
  queue.Push(Alert(2));
  queue.Close();
  const auto start = std::chrono::steady_clock::now();
  SearchQueue::Batch batch = queue.Take(5s);
  EXPECT_TRUE(batch.last);
  EXPECT_EQ(batch.changes.size(), 1u);  // pushed before Close: handed out, not lost
  EXPECT_TRUE(queue.Take(5s).last);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
  queue.Done(2);         // both batches taken
  queue.Push(Alert(3));  // nobody will apply it
  EXPECT_TRUE(SearchWaitEnds(queue));
}

}  // namespace
}  // namespace soj::tracker
