#include "tracker/alert_query.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/tracker_fixture.hpp"

namespace soj::tracker {
namespace {

using testing::D;
using testing::PlatformTest;

class AlertQueryTest : public PlatformTest {
 protected:
  std::vector<AlertId> Ids(const AlertPage& page) {
    std::vector<AlertId> ids;
    for (const Alert& a : page.items) ids.push_back(a.id);
    return ids;
  }
};

TEST_F(AlertQueryTest, FiltersCombineAndCountTotals) {
  SubmitPublished("efj", [](AlertContent& c) { c.country = "TR"; });
  SubmitPublished("ifj", [](AlertContent& c) {
    c.country = "TR";
    c.categories = {Category::kAttack};
    c.level = 2;
    c.threat_source = ThreatSource::kNonState;
  });
  SubmitPublished("efj", [](AlertContent& c) { c.incident_date = D("2021-05-01"); });
  Submit("efj", [](AlertContent& c) { c.country = "TR"; });  // draft

  auto count = [&](const Principal& who, AlertFilter filter) {
    ListRequest request;
    request.filter = std::move(filter);
    auto page = alerts().List(who, request);
    EXPECT_TRUE(page);
    EXPECT_EQ(page->items.size(), page->total);
    return page->total;
  };
  const Principal pub = Principal::Public();
  EXPECT_EQ(count(pub, {}), 3u);
  EXPECT_EQ(count(pub, {.countries = {"TR"}}), 2u);
  EXPECT_EQ(count(pub, {.countries = {"TR", "BY"}}), 3u);
  EXPECT_EQ(count(pub, {.countries = {"TR"}, .categories = {Category::kAttack}}), 1u);
  EXPECT_EQ(count(pub, {.categories = {Category::kDetention}}), 2u);
  EXPECT_EQ(count(pub, {.levels = {2}}), 1u);
  EXPECT_EQ(count(pub, {.threat_sources = {ThreatSource::kNonState}}), 1u);
  EXPECT_EQ(count(pub, {.partners = {"ifj"}}), 1u);
  EXPECT_EQ(count(pub, {.from = D("2022-01-01")}), 2u);
  EXPECT_EQ(count(pub, {.to = D("2021-05-01")}), 1u);
  EXPECT_EQ(count(pub, {.from = D("2021-05-02"), .to = D("2023-03-13")}), 0u);
  // Drafts: invisible to the public and to other partners, visible to owners and editors.
  EXPECT_EQ(count(pub, {.statuses = {AlertStatus::kDraft}}), 0u);
  EXPECT_EQ(count(Principal::Partner("ifj"), {.countries = {"TR"}}), 2u);
  EXPECT_EQ(count(Principal::Partner("efj"), {.countries = {"TR"}}), 3u);
  EXPECT_EQ(count(Principal::Editor(), {.statuses = {AlertStatus::kDraft}}), 1u);
  EXPECT_EQ(count(Principal::Editor(), {}), 4u);
}

TEST_F(AlertQueryTest, OrdersByIncidentDateOrUpdatedAt) {
  AlertId older =
      SubmitPublished("efj", [](AlertContent& c) { c.incident_date = D("2020-01-01"); }).id;
  clock_.Advance(10);
  AlertId newer =
      SubmitPublished("efj", [](AlertContent& c) { c.incident_date = D("2024-01-01"); }).id;
  clock_.Advance(10);
  ASSERT_TRUE(alerts().AddUpdate(Principal::Editor(), older, {"news", std::nullopt}));

  ListRequest request;
  EXPECT_EQ(Ids(*alerts().List(Principal::Public(), request)),
            (std::vector<AlertId>{newer, older}));
  request.sort = SortOrder::kIncidentDateAsc;
  EXPECT_EQ(Ids(*alerts().List(Principal::Public(), request)),
            (std::vector<AlertId>{older, newer}));
  request.sort = SortOrder::kUpdatedAtDesc;
  EXPECT_EQ(Ids(*alerts().List(Principal::Public(), request)),
            (std::vector<AlertId>{older, newer}));
}

TEST_F(AlertQueryTest, CursorsWalkEveryAlertOnceInEveryOrder) {
  for (int i = 0; i < 23; ++i)
    SubmitPublished("efj", [i](AlertContent& c) {
      // Several alerts share a date, so the id must break ties.
      c.incident_date = D("2023-01-01").AddDays(i % 5);
    });
  for (SortOrder sort :
       {SortOrder::kIncidentDateDesc, SortOrder::kIncidentDateAsc, SortOrder::kUpdatedAtDesc}) {
    ListRequest request;
    request.sort = sort;
    request.limit = 4;
    std::vector<AlertId> ids = WalkAll(Principal::Public(), request);
    EXPECT_EQ(ids.size(), 23u);
    EXPECT_EQ(std::set<AlertId>(ids.begin(), ids.end()).size(), 23u);
  }
}

TEST_F(AlertQueryTest, CursorIsStableWhileAlertsAreInserted) {
  for (int i = 0; i < 10; ++i)
    SubmitPublished("efj", [i](AlertContent& c) { c.incident_date = D("2023-01-10").AddDays(-i); });
  ListRequest request;
  request.limit = 3;
  auto first = alerts().List(Principal::Public(), request);
  ASSERT_TRUE(first && first->next_cursor);
  std::vector<AlertId> seen = Ids(*first);
  // New alerts land before and after the cursor position; the walk neither repeats nor skips
  // any alert that existed when it started.
  SubmitPublished("efj", [](AlertContent& c) { c.incident_date = D("2023-02-01"); });
  SubmitPublished("efj", [](AlertContent& c) { c.incident_date = D("2022-01-01"); });
  request.cursor = *first->next_cursor;
  std::vector<AlertId> rest = WalkAll(Principal::Public(), request);
  seen.insert(seen.end(), rest.begin(), rest.end());
  std::set<AlertId> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size()) << "an alert was repeated";
  for (AlertId id = 1; id <= 10; ++id) EXPECT_TRUE(unique.contains(id)) << id;
  EXPECT_TRUE(unique.contains(12));   // inserted after the position: seen
  EXPECT_FALSE(unique.contains(11));  // inserted before the position: not seen on this walk
}

TEST_F(AlertQueryTest, CursorsWithFiltersAndDateBounds) {
  for (int i = 0; i < 12; ++i)
    SubmitPublished("efj", [i](AlertContent& c) {
      c.country = i % 2 ? "BY" : "RU";
      c.incident_date = D("2023-01-01").AddDays(i);
    });
  ListRequest request;
  request.filter.countries = {"BY"};
  request.filter.from = D("2023-01-03");
  request.limit = 2;
  std::vector<AlertId> ids = WalkAll(Principal::Public(), request);
  // BY alerts are the odd i: 1,3,5,7,9,11 → from 2023-01-03 leaves i=3..11 (5 alerts).
  EXPECT_EQ(ids, (std::vector<AlertId>{12, 10, 8, 6, 4}));
}

TEST_F(AlertQueryTest, BadCursorsAndLimitsAreBadRequests) {
  ListRequest request;
  request.cursor = "not-a-cursor!";
  auto bad = alerts().List(Principal::Public(), request);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::kBadRequest);
  EXPECT_EQ(bad.error().fields.at(0).field, "cursor");
  request.cursor = "YWJj";  // valid base64 of "abc"
  EXPECT_EQ(alerts().List(Principal::Public(), request).error().fields.at(0).field, "cursor");

  for (int i = 0; i < 3; ++i) SubmitPublished();
  ListRequest paged;
  paged.limit = 1;
  auto page = alerts().List(Principal::Public(), paged);
  ASSERT_TRUE(page && page->next_cursor);
  ListRequest other_sort;
  other_sort.sort = SortOrder::kUpdatedAtDesc;
  other_sort.cursor = *page->next_cursor;
  EXPECT_EQ(alerts().List(Principal::Public(), other_sort).error().kind, ErrorKind::kBadRequest);

  ListRequest zero;
  zero.limit = 0;
  EXPECT_EQ(alerts().List(Principal::Public(), zero).error().fields.at(0).field, "limit");
  zero.limit = kMaxPageSize + 1;
  EXPECT_EQ(alerts().List(Principal::Public(), zero).error().kind, ErrorKind::kBadRequest);
}

TEST_F(AlertQueryTest, StatusChangesMoveAlertsBetweenIndexes) {
  Alert a = SubmitPublished("efj", [](AlertContent& c) { c.country = "GE"; });
  ListRequest request;
  request.filter.statuses = {AlertStatus::kPublished};
  EXPECT_EQ(alerts().List(Principal::Public(), request)->total, 1u);
  ASSERT_TRUE(alerts().Transition(Principal::Editor(), a.id,
                                  {AlertStatus::kResolved, "done", std::nullopt}));
  EXPECT_EQ(alerts().List(Principal::Public(), request)->total, 0u);
  request.filter.statuses = {AlertStatus::kResolved};
  EXPECT_EQ(alerts().List(Principal::Public(), request)->total, 1u);
  // An edit that moves the country moves the alert between country lists.
  ASSERT_TRUE(alerts().Edit(Principal::Editor(), a.id, 3, boost::json::object{{"country", "AM"}}));
  ListRequest by_country;
  by_country.filter.countries = {"GE"};
  EXPECT_EQ(alerts().List(Principal::Public(), by_country)->total, 0u);
  by_country.filter.countries = {"AM"};
  EXPECT_EQ(alerts().List(Principal::Public(), by_country)->total, 1u);
}

}  // namespace
}  // namespace soj::tracker
