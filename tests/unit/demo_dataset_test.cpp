#include "tools/demo/demo_dataset.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "storage/store.hpp"
#include "tests/test_support.hpp"
#include "tracker/alert_service.hpp"

namespace soj::tools {
namespace {

using tracker::Alert;
using tracker::AlertStatus;
using tracker::Category;
using tracker::Date;
using tracker::Principal;

const Date kToday = *Date::FromYmd(2026, 11, 29);
constexpr std::size_t kAlerts = 300;

// A store in a temporary directory loaded with a demo dataset.
struct DemoStore {
  testing::TempDir dir;
  tracker::PartnerDirectory partners{tracker::SeedPartners()};
  std::unique_ptr<storage::Store> store;
  tracker::FixedClock clock{tracker::Timestamp::FromUnixSeconds(int64_t{kToday.days()} * 86400)};

  DemoStore() {
    auto opened = storage::Store::Open(storage::StoreOptions{dir.str(), true, /*sync=*/false});
    EXPECT_TRUE(opened) << (opened ? "" : opened.error().ToString());
    if (opened) store = std::move(*opened);
  }

  tracker::Result<DemoReport> Load(std::size_t alerts, uint64_t seed, std::size_t threads = 4,
                                   std::function<void(std::size_t)> progress = {}) {
    DemoOptions options;
    options.alerts = alerts;
    options.seed = seed;
    options.threads = threads;
    options.today = kToday;
    options.progress = std::move(progress);
    return LoadDemoDataset(*store, partners, options);
  }

  // Every alert an editor sees in lists (merged pointers are not listed).
  std::vector<Alert> All(tracker::AlertFilter filter = {}) {
    tracker::AlertService service(*store, clock, partners);
    std::vector<Alert> out;
    tracker::ListRequest request;
    request.filter = std::move(filter);
    request.limit = tracker::kMaxPageSize;
    for (;;) {
      auto page = service.List(Principal::Editor(), request);
      EXPECT_TRUE(page) << page.error().message;
      if (!page) break;
      for (Alert& a : page->items) out.push_back(std::move(a));
      if (!page->next_cursor) break;
      request.cursor = *page->next_cursor;
    }
    return out;
  }
};

struct Fingerprint {
  std::vector<std::string> titles;  // sorted
  std::map<std::string, int> per_country;
  bool operator==(const Fingerprint&) const = default;
};

Fingerprint FingerprintOf(const std::vector<Alert>& alerts) {
  Fingerprint f;
  for (const Alert& a : alerts) {
    f.titles.push_back(a.content.title);
    ++f.per_country[a.content.country];
  }
  std::sort(f.titles.begin(), f.titles.end());
  return f;
}

// One dataset shared by the tests that only read it: loading takes a moment.
class DemoDatasetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    demo_ = new DemoStore();
    auto report = demo_->Load(kAlerts, 1);
    ASSERT_TRUE(report) << report.error().message;
    report_ = new DemoReport(*report);
    alerts_ = new std::vector<Alert>(demo_->All());
  }
  static void TearDownTestSuite() {
    delete alerts_;
    delete report_;
    delete demo_;
  }
  static DemoStore* demo_;
  static DemoReport* report_;
  static std::vector<Alert>* alerts_;
};
DemoStore* DemoDatasetTest::demo_ = nullptr;
DemoReport* DemoDatasetTest::report_ = nullptr;
std::vector<Alert>* DemoDatasetTest::alerts_ = nullptr;

TEST_F(DemoDatasetTest, ReportCountsAddUpAndMatchTheStore) {
  const DemoReport& r = *report_;
  EXPECT_EQ(r.alerts, kAlerts);
  EXPECT_EQ(r.already_present, 0u);
  EXPECT_EQ(r.alerts, r.published + r.resolved + r.rejected + r.withdrawn + r.drafts + r.merged);
  EXPECT_GE(r.published + r.resolved, kAlerts * 6 / 10);
  EXPECT_GT(r.resolved, 0u);
  EXPECT_GT(r.rejected, 0u);
  EXPECT_GT(r.withdrawn, 0u);
  EXPECT_GT(r.drafts, 0u);
  EXPECT_GT(r.updates, 0u);

  std::map<AlertStatus, std::size_t> statuses;
  std::size_t replies = 0;
  std::size_t updates = 0;
  for (const Alert& a : *alerts_) {
    ++statuses[a.status];
    replies += a.state_replies.size();
    updates += a.updates.size();
  }
  EXPECT_EQ(alerts_->size(), r.alerts - r.merged);
  EXPECT_EQ(statuses[AlertStatus::kPublished], r.published);
  EXPECT_EQ(statuses[AlertStatus::kResolved], r.resolved);
  EXPECT_EQ(statuses[AlertStatus::kRejected], r.rejected);
  EXPECT_EQ(statuses[AlertStatus::kWithdrawn], r.withdrawn);
  EXPECT_EQ(statuses[AlertStatus::kDraft], r.drafts);
  EXPECT_EQ(replies, r.replies);
  EXPECT_EQ(updates, r.updates);
}

TEST_F(DemoDatasetTest, EveryCategoryAndBothLevelsAppear) {
  std::set<Category> categories;
  std::set<int> levels;
  std::set<tracker::ThreatSource> sources;
  for (const Alert& a : *alerts_) {
    categories.insert(a.content.categories.begin(), a.content.categories.end());
    levels.insert(a.content.level);
    sources.insert(a.content.threat_source);
  }
  EXPECT_EQ(categories.size(), 5u);
  EXPECT_EQ(levels, (std::set<int>{1, 2}));
  EXPECT_EQ(sources.size(), 3u);
}

TEST_F(DemoDatasetTest, BelarusHasOngoingDetentionsAndOnlySinceMonitored) {
  tracker::AlertFilter filter;
  filter.countries = {"BY"};
  filter.statuses = {AlertStatus::kPublished, AlertStatus::kResolved};
  std::size_t ongoing = 0;
  for (const Alert& a : demo_->All(filter)) {
    EXPECT_GE(a.content.incident_date, *Date::FromYmd(2023, 3, 1));
    for (const tracker::Victim& v : a.content.victims)
      for (const tracker::DetentionPeriod& p : v.detentions) ongoing += p.until ? 0 : 1;
  }
  EXPECT_GE(ongoing, 3u);
  EXPECT_GT(report_->ongoing_detentions, 0u);
}

TEST_F(DemoDatasetTest, HasWithheldVictimsStateRepliesAndTranslations) {
  std::size_t withheld = 0;
  std::size_t replied = 0;
  std::size_t translated = 0;
  std::size_t multi_victim = 0;
  std::size_t outlets = 0;
  for (const Alert& a : *alerts_) {
    for (const tracker::Victim& v : a.content.victims) {
      if (v.withheld) {
        ++withheld;
        EXPECT_FALSE(v.name.empty()) << "a withheld name is secret, not absent";
        // The secrets must not leak into the public texts.
        std::vector<std::string> secrets{v.name};
        if (v.outlet) secrets.push_back(*v.outlet);
        for (const std::string& secret : secrets) {
          EXPECT_EQ(a.content.title.find(secret), std::string::npos) << a.content.title;
          EXPECT_EQ(a.content.description.find(secret), std::string::npos) << a.id;
          for (const auto& [language, t] : a.content.translations)
            EXPECT_EQ(t.description.value_or("").find(secret), std::string::npos) << a.id;
        }
      }
      if (v.kind == tracker::VictimKind::kMediaOutlet) {
        ++outlets;
        EXPECT_EQ(v.gender, tracker::Gender::kNotApplicable);
      }
    }
    if (!a.state_replies.empty()) ++replied;
    if (!a.content.translations.empty()) ++translated;
    if (a.content.victims.size() > 1) ++multi_victim;
  }
  EXPECT_GT(withheld, 0u);
  EXPECT_EQ(withheld, report_->withheld_victims);
  EXPECT_GT(replied, 0u);
  EXPECT_GT(report_->replies, 0u);
  EXPECT_GT(translated, 0u);
  EXPECT_GT(multi_victim, 0u);
  EXPECT_GT(outlets, 0u);
}

TEST_F(DemoDatasetTest, TextsAreFilledInAndWrittenInParagraphs) {
  std::size_t multi_paragraph = 0;
  for (const Alert& a : *alerts_) {
    EXPECT_EQ(a.content.title.find('{'), std::string::npos) << a.content.title;
    EXPECT_EQ(a.content.description.find('{'), std::string::npos) << a.content.description;
    for (const auto& [language, t] : a.content.translations) {
      EXPECT_EQ(t.title.value_or("").find('{'), std::string::npos) << *t.title;
      EXPECT_EQ(t.description.value_or("").find('{'), std::string::npos) << *t.description;
    }
    if (a.content.description.find("\n\n") != std::string::npos) ++multi_paragraph;
    EXPECT_LE(a.submitted_at.date(), kToday);
    EXPECT_LE(a.updated_at.date(), kToday);
    EXPECT_GE(a.submitted_at.date(), a.content.incident_date);
  }
  EXPECT_GT(multi_paragraph, alerts_->size() * 9 / 10);
}

TEST_F(DemoDatasetTest, ExternalRefsAreUniquePerSubmitter) {
  std::set<std::pair<std::string, std::string>> seen;
  std::size_t with_ref = 0;
  for (const Alert& a : *alerts_) {
    if (!a.content.external_ref) continue;
    ++with_ref;
    EXPECT_TRUE(seen.emplace(a.submitted_by, *a.content.external_ref).second)
        << *a.content.external_ref;
  }
  EXPECT_GT(with_ref, alerts_->size() / 2);
}

TEST(DemoDataset, LoadingAgainAddsNothing) {
  DemoStore copy;
  auto first = copy.Load(60, 1);
  ASSERT_TRUE(first) << first.error().message;
  auto again = copy.Load(60, 1);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->alerts, 0u);
  EXPECT_EQ(again->already_present, first->alerts);
  EXPECT_EQ(copy.All().size(), first->alerts - first->merged);
}

TEST(DemoDataset, SameSeedGivesSameDatasetWhateverTheThreads) {
  DemoStore a;
  DemoStore b;
  DemoStore c;
  auto ra = a.Load(200, 7, /*threads=*/4);
  auto rb = b.Load(200, 7, /*threads=*/1);
  auto rc = c.Load(200, 8, /*threads=*/4);
  ASSERT_TRUE(ra) << ra.error().message;
  ASSERT_TRUE(rb) << rb.error().message;
  ASSERT_TRUE(rc) << rc.error().message;
  EXPECT_EQ(ra->published, rb->published);
  EXPECT_EQ(ra->replies, rb->replies);
  EXPECT_EQ(ra->withheld_victims, rb->withheld_victims);
  EXPECT_EQ(FingerprintOf(a.All()), FingerprintOf(b.All()));
  EXPECT_NE(FingerprintOf(a.All()).titles, FingerprintOf(c.All()).titles);
}

TEST(DemoDataset, ReportsProgressInThousandsThenTheTotal) {
  DemoStore demo;
  std::vector<std::size_t> calls;
  auto report = demo.Load(1100, 3, 2, [&](std::size_t done) { calls.push_back(done); });
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(calls, (std::vector<std::size_t>{1000, 1100}));
}

TEST(DemoDataset, RefusesTodayBeforeTheLaunch) {
  DemoStore demo;
  DemoOptions options;
  options.today = *Date::FromYmd(2010, 1, 1);
  auto report = LoadDemoDataset(*demo.store, demo.partners, options);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, tracker::ErrorKind::kBadRequest);
}

TEST(DemoDataset, RefusesAnEmptyPartnerDirectory) {
  DemoStore demo;
  tracker::PartnerDirectory none({});
  DemoOptions options;
  options.alerts = 10;
  options.today = kToday;
  auto report = LoadDemoDataset(*demo.store, none, options);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, tracker::ErrorKind::kBadRequest);
}

}  // namespace
}  // namespace soj::tools
