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
  EXPECT_EQ(waiting.wait_for(5s), std::future_status::ready);
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
  auto waiting = std::async(std::launch::async, [&] { queue.WaitForPushed(); });
  EXPECT_EQ(waiting.wait_for(5s), std::future_status::ready);  // the dropped one counts done
}

TEST(SearchQueue, ClosedItHandsOutWhatIsLeftThenNothingAndWaitsForNoOne) {
  SearchQueue queue(16);
  queue.Push(Alert(1));
  queue.Close();
  EXPECT_TRUE(queue.closed());
  EXPECT_EQ(queue.Take(5s).changes.size(), 1u);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(queue.Take(5s).changes.empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
  queue.Done(1);
  queue.Push(Alert(2));  // nobody will apply it
  auto waiting = std::async(std::launch::async, [&] { queue.WaitForPushed(); });
  EXPECT_EQ(waiting.wait_for(5s), std::future_status::ready);
}

}  // namespace
}  // namespace soj::tracker
