// tracker/follower.*, storage/store_secondary.cpp: a follower platform over a RocksDB
// secondary instance of a primary platform's store, both in this process. The follower's
// thread is off (interval 0): the tests catch up by hand.

#include "tracker/follower.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "tests/tracker_fixture.hpp"

namespace soj::testing {
namespace {

using tracker::AlertStatus;
using tracker::Principal;

class FollowerTest : public PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    OpenFollower();
  }

  void OpenFollower(std::chrono::milliseconds max_lag = std::chrono::milliseconds(2000)) {
    follower_.reset();
    auto opened =
        tracker::Platform::Open({.data_dir = follower_dir_.str(),
                                 .create_if_missing = false,
                                 .sync = true,
                                 .clock = &clock_,
                                 .search = tracker::PlatformOptions::Search::kNow,
                                 .follow = dir_.str(),
                                 .follower = {.interval = std::chrono::milliseconds(0),
                                              .max_lag = max_lag,
                                              .primary_alive = [this] { return primary_alive_; }}});
    ASSERT_TRUE(opened) << opened.error().message;
    follower_ = std::move(*opened);
  }

  void CatchUp() {
    ASSERT_NE(follower_->follower(), nullptr);
    auto caught_up = follower_->follower()->CatchUpOnce();
    ASSERT_TRUE(caught_up) << caught_up.error().message;
  }

  TempDir follower_dir_;
  bool primary_alive_ = true;
  std::unique_ptr<tracker::Platform> follower_;
};

TEST_F(FollowerTest, SeesNothingNewUntilItCatchesUp) {
  tracker::Alert published = SubmitPublished();
  EXPECT_FALSE(follower_->alerts().Get(Principal::Public(), published.id));
  CatchUp();
  auto seen = follower_->alerts().Get(Principal::Public(), published.id);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->version, published.version);
  EXPECT_EQ(seen->status, AlertStatus::kPublished);
}

TEST_F(FollowerTest, PublishesThePrimarysSequenceOnceCaughtUp) {
  SubmitPublished();
  const uint64_t before = follower_->store().LastCommitSequence();
  EXPECT_LT(before, platform_->store().LastCommitSequence());
  CatchUp();
  EXPECT_EQ(follower_->store().LastCommitSequence(), platform_->store().LastCommitSequence());
  EXPECT_EQ(follower_->follower()->Lag().applied, platform_->store().LastCommitSequence());
  EXPECT_EQ(follower_->follower()->Lag().sequence, 0u);
}

TEST_F(FollowerTest, KeepsStatisticsInStep) {
  SubmitPublished();
  tracker::Alert second = SubmitPublished("ifj", [](tracker::AlertContent& c) {
    c.country = "RU";
    c.victims[0].name = "B. M.";
  });
  CatchUp();
  const tracker::Date today = D("2026-11-29");
  EXPECT_EQ(follower_->stats().CountDetainedOn(today, std::nullopt),
            platform_->stats().CountDetainedOn(today, std::nullopt));
  EXPECT_EQ(follower_->stats().CountDetainedOn(today, std::nullopt).total, 2u);

  // Resolving one changes its record; the follower replays it (and replaying twice is a no-op).
  auto resolved = alerts().Transition(Principal::Editor(), second.id,
                                      {AlertStatus::kResolved, "released", D("2026-11-01")});
  ASSERT_TRUE(resolved) << resolved.error().message;
  CatchUp();
  CatchUp();
  EXPECT_EQ(follower_->stats().CountedAlerts(), platform_->stats().CountedAlerts());
  EXPECT_EQ(follower_->stats().CountDetainedOn(today, std::nullopt),
            platform_->stats().CountDetainedOn(today, std::nullopt));
}

TEST_F(FollowerTest, KeepsSearchInStep) {
  SubmitPublished("efj",
                  [](tracker::AlertContent& c) { c.title = "Editor of Zorkavest arrested"; });
  CatchUp();
  ASSERT_NE(follower_->search(), nullptr);
  auto found =
      follower_->search()->Find("zorkavest", [](const tracker::AlertSummary&) { return true; },
                                {.sort_value = nullptr, .ranked = 10});
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->total, 1u);
  EXPECT_EQ(found->hits.size(), 1u);
}

TEST_F(FollowerTest, SignalsChanges) {
  const uint64_t generation = follower_->changes().generation();
  SubmitPublished();
  CatchUp();
  EXPECT_GT(follower_->changes().generation(), generation);
}

TEST_F(FollowerTest, RefusesWrites) {
  auto out = follower_->alerts().Submit(Principal::Partner("efj"), ValidContent());
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, tracker::ErrorKind::kUnavailable);
  EXPECT_NE(out.error().message.find("read-only"), std::string::npos);
}

TEST_F(FollowerTest, StartsFromWhatThePrimaryHolds) {
  for (int i = 0; i < 5; ++i) SubmitPublished();
  OpenFollower();
  EXPECT_EQ(follower_->stats().CountedAlerts(), 5u);
  EXPECT_EQ(follower_->store().LastCommitSequence(), platform_->store().LastCommitSequence());
}

TEST_F(FollowerTest, LagGrowsWhileThePrimaryIsNotRunning) {
  OpenFollower(std::chrono::milliseconds(50));
  CatchUp();
  EXPECT_TRUE(follower_->follower()->Lag().in_step);
  primary_alive_ = false;
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  CatchUp();  // succeeds: the files are there, but nobody is writing them any more
  const tracker::FollowerLag lag = follower_->follower()->Lag();
  EXPECT_FALSE(lag.primary_running);
  EXPECT_FALSE(lag.in_step);
  EXPECT_GE(lag.ms, 80);
  primary_alive_ = true;
  CatchUp();
  EXPECT_TRUE(follower_->follower()->Lag().in_step);
}

TEST_F(FollowerTest, NeedsADirectoryOfItsOwn) {
  auto opened = tracker::Platform::Open({.data_dir = dir_.str() + "/.",
                                         .create_if_missing = false,
                                         .sync = true,
                                         .clock = &clock_,
                                         .search = tracker::PlatformOptions::Search::kNow,
                                         .follow = dir_.str(),
                                         .follower = {.interval = std::chrono::milliseconds(0)}});
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("of its own"), std::string::npos);
}

TEST(StoreLockHeldTest, NoStoreIsNotKnown) {
  TempDir dir;
  EXPECT_EQ(storage::StoreLockHeld(dir.str()), std::nullopt);
}

}  // namespace
}  // namespace soj::testing
