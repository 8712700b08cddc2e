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

constexpr std::size_t kAll = 1u << 20;

// A change of alert `id`: one a search must wait for (`prompt`), or a new alert.
void PushAlert(SearchQueue& queue, uint64_t id, bool prompt = true) {
  queue.Push({SearchChange::Kind::kAlert, id}, prompt);
}

// Whether a search starting now would stop waiting within 5 s. A wait that does not end is
// released (every change counted done) so that the test fails instead of hanging.
bool SearchWaitEnds(SearchQueue& queue) {
  auto waiting = std::async(std::launch::async, [&] { queue.WaitForSearch(1h); });
  if (waiting.wait_for(5s) == std::future_status::ready) return true;
  queue.Done(kAll);
  return false;
}

// Ends a wait that a test expected to end and that did not: the test fails, not hangs.
bool Ended(std::future<void>& waiting, SearchQueue& queue) {
  const bool ended = waiting.wait_for(5s) == std::future_status::ready;
  if (!ended) queue.Done(kAll);
  return ended;
}

TEST(SearchQueue, TakesTheChangesInTheOrderPushedAtMostSoManyAtATime) {
  SearchQueue queue(16);
  PushAlert(queue, 1);
  queue.Push({SearchChange::Kind::kEvent, 7}, false);
  PushAlert(queue, 2, false);
  SearchQueue::Batch batch = queue.Take(2, 0ms);
  ASSERT_EQ(batch.changes.size(), 2u);
  EXPECT_EQ(batch.changes[0].key, 1u);
  EXPECT_EQ(batch.changes[1].kind, SearchChange::Kind::kEvent);
  EXPECT_EQ(batch.changes[1].key, 7u);
  batch = queue.Take(2, 0ms);
  ASSERT_EQ(batch.changes.size(), 1u);
  EXPECT_EQ(batch.changes[0].key, 2u);
  EXPECT_TRUE(queue.Take(2, 1ms).changes.empty());
  EXPECT_EQ(queue.pending(), 3u);  // taken, not yet applied
  queue.Done(3);
  EXPECT_EQ(queue.pending(), 0u);
}

TEST(SearchQueue, ASearchWaitsForEveryPromptChangePushedBeforeItHoweverLong) {
  SearchQueue queue(16);
  PushAlert(queue, 1);
  PushAlert(queue, 2, /*prompt=*/false);
  auto waiting = std::async(std::launch::async, [&] { queue.WaitForSearch(10ms); });
  // Long past its patience: the prompt change is not applied yet.
  EXPECT_EQ(waiting.wait_for(100ms), std::future_status::timeout);
  SearchQueue::Batch batch = queue.Take(1, 0ms);
  PushAlert(queue, 3);  // pushed after the search began: not waited for
  EXPECT_EQ(waiting.wait_for(50ms), std::future_status::timeout);
  queue.Done(batch.changes.size());
  EXPECT_TRUE(Ended(waiting, queue));  // 2 is not prompt, and the patience is over
}

TEST(SearchQueue, ASearchWaitsForNewAlertsUpToItsPatience) {
  SearchQueue queue(16);
  PushAlert(queue, 1, /*prompt=*/false);
  // Applied within the patience: the search ends as soon as it is.
  auto waiting = std::async(std::launch::async, [&] { queue.WaitForSearch(1h); });
  EXPECT_EQ(waiting.wait_for(50ms), std::future_status::timeout);
  queue.Done(queue.Take(16, 0ms).changes.size());
  EXPECT_TRUE(Ended(waiting, queue));
  // Not applied: the search ends after its patience all the same.
  PushAlert(queue, 2, /*prompt=*/false);
  const auto start = std::chrono::steady_clock::now();
  queue.WaitForSearch(50ms);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 50ms);
  EXPECT_LT(waited, 4s);
}

TEST(SearchQueue, WaitForPushedWaitsForNewAlertsToo) {
  SearchQueue queue(16);
  PushAlert(queue, 1, /*prompt=*/false);
  auto waiting = std::async(std::launch::async, [&] { queue.WaitForPushed(); });
  EXPECT_EQ(waiting.wait_for(100ms), std::future_status::timeout);
  queue.Done(queue.Take(16, 0ms).changes.size());
  EXPECT_TRUE(Ended(waiting, queue));
}

TEST(SearchQueue, ABatchIsBusyWhileWritesOutrunTheIndex) {
  SearchQueue queue(16);
  for (uint64_t id = 1; id <= 4; ++id) PushAlert(queue, id, false);
  EXPECT_TRUE(queue.Take(2, 0ms).busy);   // two left, four pushed since the start
  EXPECT_FALSE(queue.Take(1, 0ms).busy);  // one left, but nothing pushed meanwhile
  EXPECT_FALSE(queue.Take(1, 0ms).busy);  // nothing left
  PushAlert(queue, 5, false);
  EXPECT_FALSE(queue.Take(2, 0ms).busy);  // all taken
}

TEST(SearchQueue, AHalfFullQueueIsNeverBusyAndEndsARest) {
  SearchQueue queue(8);
  for (uint64_t id = 1; id <= 6; ++id) PushAlert(queue, id, false);
  EXPECT_FALSE(queue.Take(1, 0ms).busy);  // five of eight left: writers will soon wait
  PushAlert(queue, 7, false);
  EXPECT_TRUE(queue.Take(3, 0ms).busy);  // three left, one pushed since
  auto resting = std::async(std::launch::async, [&] { queue.Rest(1h); });
  EXPECT_EQ(resting.wait_for(50ms), std::future_status::timeout);
  PushAlert(queue, 8, false);  // four of eight: half full
  EXPECT_EQ(resting.wait_for(5s), std::future_status::ready);
  queue.Close();  // (the rest ends anyway should the push not have ended it)
}

TEST(SearchQueue, ARestEndsWhenASearchWaitsOrAPromptChangeComes) {
  SearchQueue queue(16);
  auto start = std::chrono::steady_clock::now();
  queue.Rest(30ms);  // nothing to end it
  EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);

  PushAlert(queue, 1, false);
  auto search = std::async(std::launch::async, [&] { queue.WaitForSearch(1h); });
  std::this_thread::sleep_for(20ms);
  start = std::chrono::steady_clock::now();
  queue.Rest(1h);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
  queue.Done(queue.Take(16, 0ms).changes.size());
  EXPECT_TRUE(Ended(search, queue));

  auto resting = std::async(std::launch::async, [&] { queue.Rest(1h); });
  EXPECT_EQ(resting.wait_for(50ms), std::future_status::timeout);
  PushAlert(queue, 1);
  EXPECT_EQ(resting.wait_for(5s), std::future_status::ready);
  queue.Close();  // (the rest ends anyway should the push not have ended it)
}

TEST(SearchQueue, AFullQueueHoldsTheWriterUntilThereIsRoom) {
  SearchQueue queue(2);
  PushAlert(queue, 1);
  PushAlert(queue, 2);
  std::atomic<bool> pushed{false};
  std::thread writer([&] {
    PushAlert(queue, 3);
    pushed = true;
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(pushed);
  EXPECT_EQ(queue.Take(16, 0ms).changes.size(), 2u);
  writer.join();
  EXPECT_TRUE(pushed);
  EXPECT_EQ(queue.Take(16, 0ms).changes.at(0).key, 3u);
}

TEST(SearchQueue, DiscardDropsWhatIsQueuedEndsTheEpochAndHoldsPushes) {
  SearchQueue queue(16);
  PushAlert(queue, 1);
  SearchQueue::Batch taken = queue.Take(16, 0ms);
  PushAlert(queue, 2);
  std::promise<void> pushed;
  std::thread writer;
  {
    auto hold = queue.Discard();
    writer = std::thread([&] {
      PushAlert(queue, 3);
      pushed.set_value();
    });
    EXPECT_EQ(pushed.get_future().wait_for(50ms), std::future_status::timeout);
  }
  writer.join();
  EXPECT_NE(taken.epoch, queue.epoch());  // the batch taken before is stale
  SearchQueue::Batch after = queue.Take(16, 0ms);
  ASSERT_EQ(after.changes.size(), 1u);  // 2 was dropped
  EXPECT_EQ(after.changes[0].key, 3u);
  EXPECT_EQ(after.epoch, queue.epoch());
  queue.Done(taken.changes.size());
  queue.Done(after.changes.size());
  EXPECT_TRUE(SearchWaitEnds(queue));  // the dropped one counts done
}

TEST(SearchQueue, ClosedItHandsOutWhatIsLeftAsTheLastBatchAndWaitsForNoOne) {
  SearchQueue queue(16);
  PushAlert(queue, 1);
  EXPECT_FALSE(queue.Take(16, 0ms).last);
  PushAlert(queue, 2);
  PushAlert(queue, 3);
  queue.Close();
  const auto start = std::chrono::steady_clock::now();
  SearchQueue::Batch batch = queue.Take(1, 5s);
  EXPECT_FALSE(batch.last);  // 3 is left
  batch = queue.Take(1, 5s);
  EXPECT_TRUE(batch.last);
  EXPECT_EQ(batch.changes.size(), 1u);  // pushed before Close: handed out, not lost
  EXPECT_TRUE(queue.Take(1, 5s).last);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
  queue.Done(3);        // every batch taken
  PushAlert(queue, 4);  // nobody will apply it
  EXPECT_TRUE(SearchWaitEnds(queue));
}

}  // namespace
}  // namespace soj::tracker
