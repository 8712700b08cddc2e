#include "tracker/feed_query.hpp"

#include <gtest/gtest.h>

#include "tests/tracker_fixture.hpp"

namespace soj::tracker {
namespace {

using testing::PlatformTest;

class FeedQueryTest : public PlatformTest {};

TEST_F(FeedQueryTest, ListsPublishedAlertsNewestFirstInTheRequestedLanguage) {
  Alert first = SubmitPublished("efj", [](AlertContent& c) {
    c.translations["fr"] = Translation{"Journaliste détenu", std::nullopt};
  });
  clock_.Advance(60);
  Submit("efj", [](AlertContent& c) { c.title = "A draft"; });
  Alert second = SubmitPublished("ifj", [](AlertContent& c) {
    c.country = "TR";
    c.categories = {Category::kAttack};
    c.victims[0].withheld = true;
    c.victims[0].name = "Hidden Name";
    c.victims[0].outlet = "Hidden Outlet";
  });

  auto feed = LatestPublishedAlerts(platform_->store(), {.lang = "fr"});
  ASSERT_TRUE(feed) << feed.error().message;
  ASSERT_EQ(feed->entries.size(), 2u);
  EXPECT_EQ(feed->entries[0].id, second.id);
  EXPECT_EQ(feed->entries[1].id, first.id);
  EXPECT_EQ(feed->entries[1].title, "Journaliste détenu");
  EXPECT_EQ(feed->entries[1].language, "fr");
  EXPECT_EQ(feed->entries[1].description, first.content.description);  // no translation
  EXPECT_EQ(feed->entries[1].victims, std::vector<std::string>{"A. N. (Example Media)"});
  EXPECT_TRUE(feed->entries[0].victims.empty());  // withheld: not in the entry at all
  EXPECT_EQ(feed->entries[0].language, "");
  EXPECT_EQ(feed->updated, second.updated_at);

  auto turkey = LatestPublishedAlerts(platform_->store(), {.countries = {"TR"}});
  ASSERT_TRUE(turkey);
  ASSERT_EQ(turkey->entries.size(), 1u);
  auto detention =
      LatestPublishedAlerts(platform_->store(), {.categories = {Category::kDetention}});
  ASSERT_TRUE(detention);
  ASSERT_EQ(detention->entries.size(), 1u);
  EXPECT_EQ(detention->entries[0].id, first.id);
  auto one = LatestPublishedAlerts(platform_->store(), {.limit = 1});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->entries.size(), 1u);
}

TEST_F(FeedQueryTest, RejectsOutOfRangeValues) {
  auto big = LatestPublishedAlerts(platform_->store(), {.limit = kMaxFeedSize + 1});
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().fields.at(0).field, "limit");
  auto lang = LatestPublishedAlerts(platform_->store(), {.lang = "de"});
  ASSERT_FALSE(lang);
  EXPECT_EQ(lang.error().fields.at(0).field, "lang");
}

TEST_F(FeedQueryTest, AnEmptyPlatformHasAnEmptyFeedFromTheEpoch) {
  Submit();
  auto feed = LatestPublishedAlerts(platform_->store(), {});
  ASSERT_TRUE(feed);
  EXPECT_TRUE(feed->entries.empty());
  EXPECT_EQ(feed->updated.unix_seconds(), 0);
}

}  // namespace
}  // namespace soj::tracker
