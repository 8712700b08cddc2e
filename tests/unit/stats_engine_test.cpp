#include "tracker/stats_engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <thread>
#include <utility>

#include "storage/key_codec.hpp"
#include "tests/tracker_fixture.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/stats_record.hpp"

namespace soj::tracker {
namespace {

using testing::D;
namespace json = boost::json;

const std::optional<std::string> kAll;
const std::optional<std::string> kBY = "BY";
const std::optional<std::string> kRU = "RU";

Victim Detained(std::string name, Date from, std::optional<Date> until = std::nullopt) {
  Victim v;
  v.name = std::move(name);
  v.kind = VictimKind::kJournalist;
  v.detentions = {{from, until}};
  return v;
}

// Alerts go through the real AlertService and store; the engine hears of every committed
// statistics record through a commit observer, as Platform wires it.
class StatsEngineTest : public testing::PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    platform_->store().writes().AddCommitObserver(
        storage::Family::kStats,
        [this](std::string_view key, std::optional<std::string_view> value) {
          engine_.ApplyRecord(key, value);
        });
  }
  void TearDown() override { platform_.reset(); }  // no observer call after the engine is gone

  // A published alert about `country` with exactly `victims`.
  Alert Publish(const std::string& country, std::vector<Victim> victims,
                const std::function<void(AlertContent&)>& edit = {}) {
    return Move(Draft(country, std::move(victims), edit).id, AlertStatus::kPublished);
  }
  // Submitted by partner efj; the victims' person links, which only editors make, are then
  // added by an editor's edit.
  Alert Draft(const std::string& country, std::vector<Victim> victims,
              const std::function<void(AlertContent&)>& edit = {}) {
    std::vector<std::optional<std::string>> links;
    for (Victim& v : victims) links.push_back(std::exchange(v.person_id, std::nullopt));
    Alert draft = Submit("efj", [&](AlertContent& c) {
      c.country = country;
      c.victims = victims;
      if (edit) edit(c);
    });
    if (std::none_of(links.begin(), links.end(), [](const auto& l) { return l.has_value(); }))
      return draft;
    json::array list = ContentToJson(draft.content).at("victims").as_array();
    for (std::size_t i = 0; i < links.size(); ++i)
      if (links[i]) list[i].as_object()["person_id"] = *links[i];
    auto out = alerts().Edit(Principal::Editor(), draft.id, draft.version,
                             json::object{{"victims", list}});
    EXPECT_TRUE(out) << out.error().message;
    return out ? *out : Alert{};
  }
  Alert Move(AlertId id, AlertStatus to, std::optional<Date> date = std::nullopt,
             const Principal& who = Principal::Editor()) {
    auto out = alerts().Transition(who, id, {to, "for the test", date});
    EXPECT_TRUE(out) << out.error().message;
    return out ? *out : Alert{};
  }
  Alert Patch(AlertId id, json::object patch) {
    auto current = alerts().Get(Principal::Editor(), id);
    EXPECT_TRUE(current);
    auto out = alerts().Edit(Principal::Editor(), id, current->version, patch);
    EXPECT_TRUE(out) << out.error().message;
    return out ? *out : Alert{};
  }
  void Reply(AlertId id, Date date) {
    auto out = alerts().AddStateReply(Principal::Editor(), id, {"Reply of the state.", date});
    EXPECT_TRUE(out) << out.error().message;
  }
  uint64_t InDetention(Date day, const std::optional<std::string>& country = std::nullopt) {
    return engine_.CountDetainedOn(day, country).total;
  }
  // Everything the engine answers, for comparing two engines.
  std::string Snapshot(const StatsEngine& e) {
    std::string out;
    for (Date d : {D("2019-06-30"), D("2023-03-13"), D("2023-03-14"), D("2023-12-31"),
                   D("2024-06-01"), D("2026-11-29")}) {
      for (const auto& c : {kAll, kBY, kRU}) {
        DetentionCount n = e.CountDetainedOn(d, c);
        out += d.ToString() + " " + c.value_or("*") + " " + std::to_string(n.total) + ";";
        for (const auto& [country, count] : n.by_country)
          out += country + "=" + std::to_string(count) + ",";
        ImpunityReport imp = e.Impunity(d, c);
        out += " impunity " + std::to_string(imp.total) + ":";
        for (const ImpunityCase& k : imp.cases) out += std::to_string(k.id) + ",";
        out += "\n";
      }
    }
    const std::vector<CountDimension> all = {
        CountDimension::kYear,  CountDimension::kCountry,      CountDimension::kCategory,
        CountDimension::kLevel, CountDimension::kThreatSource, CountDimension::kStatus};
    for (const AlertCountRow& r : e.CountAlerts(all, {}))
      out += std::to_string(*r.year) + *r.country + std::string(ToString(*r.category)) +
             std::to_string(*r.level) + std::string(ToString(*r.threat_source)) +
             std::string(ToString(*r.status)) + "=" + std::to_string(r.count) + "\n";
    ReplyReport replies = e.Replies(std::nullopt, std::nullopt);
    for (const ReplyRow& r : replies.rows)
      out += *r.country + std::to_string(*r.year) + " " + std::to_string(r.published) + "/" +
             std::to_string(r.with_reply) + " " + std::to_string(r.median_days.value_or(-1)) + "\n";
    return out;
  }

  StatsEngine engine_;
};

TEST_F(StatsEngineTest, ReleaseDayIsNotCountedAndArrestDayIs) {
  Publish("BY", {Detained("A", D("2023-03-14"), D("2023-06-01"))});
  EXPECT_EQ(InDetention(D("2023-03-13")), 0u);
  EXPECT_EQ(InDetention(D("2023-03-14")), 1u);
  EXPECT_EQ(InDetention(D("2023-05-31")), 1u);
  EXPECT_EQ(InDetention(D("2023-06-01")), 0u);
}

TEST_F(StatsEngineTest, AReleaseOnTheArrestDayIsNeverCounted) {
  Publish("BY", {Detained("A", D("2023-03-14"), D("2023-03-14"))});
  EXPECT_EQ(InDetention(D("2023-03-14")), 0u);
}

TEST_F(StatsEngineTest, OngoingDetentionCountsUpToToday) {
  Publish("BY", {Detained("A", D("2021-08-01"))});
  EXPECT_EQ(InDetention(D("2021-07-31")), 0u);
  EXPECT_EQ(InDetention(D("2021-08-01")), 1u);
  EXPECT_EQ(InDetention(clock_.Today()), 1u);
  DetentionCount n = engine_.CountDetainedOn(clock_.Today(), kAll);
  EXPECT_EQ(n.by_country, (std::map<std::string, uint64_t>{{"BY", 1}}));
}

TEST_F(StatsEngineTest, DraftsRejectedAndWithdrawnAlertsAreNeverCounted) {
  Alert draft = Draft("BY", {Detained("A", D("2022-01-01"))});
  Alert rejected = Draft("BY", {Detained("B", D("2022-01-01"))});
  Move(rejected.id, AlertStatus::kRejected);
  Alert withdrawn = Draft("BY", {Detained("C", D("2022-01-01"))});
  Move(withdrawn.id, AlertStatus::kWithdrawn, std::nullopt, Principal::Partner("efj"));

  EXPECT_EQ(InDetention(D("2023-01-01")), 0u);
  EXPECT_EQ(InDetention(D("2023-01-01"), kBY), 0u);
  EXPECT_EQ(engine_.CountedAlerts(), 0u);
  auto rows = engine_.CountAlerts({}, {});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].count, 0u);
  AlertFilter drafts;
  drafts.statuses = {AlertStatus::kDraft, AlertStatus::kRejected, AlertStatus::kWithdrawn};
  EXPECT_EQ(engine_.CountAlerts({}, drafts)[0].count, 0u);
  EXPECT_EQ(engine_.Replies(kAll, std::nullopt).total.published, 0u);

  Move(draft.id, AlertStatus::kPublished);
  EXPECT_EQ(InDetention(D("2023-01-01")), 1u);
  EXPECT_EQ(engine_.CountAlerts({}, {})[0].count, 1u);
}

TEST_F(StatsEngineTest, WithheldVictimsAndEveryPersonKindCountButOutletsDoNot) {
  Victim withheld = Detained("", D("2022-01-01"));
  withheld.withheld = true;
  Victim blogger = Detained("B", D("2022-01-01"));
  blogger.kind = VictimKind::kBlogger;
  Victim outlet = Detained("Outlet", D("2022-01-01"));
  outlet.kind = VictimKind::kMediaOutlet;
  outlet.gender = Gender::kNotApplicable;
  Publish("BY", {withheld, blogger, outlet});
  EXPECT_EQ(InDetention(D("2023-01-01")), 2u);
}

TEST_F(StatsEngineTest, MovingAnAlertFromBelarusToRussiaMovesItsNumbers) {
  Alert a = Publish("BY", {Detained("A", D("2022-01-01"))}, [](AlertContent& c) {
    c.categories.push_back(Category::kImpunity);
    c.impunity = ImpunityRecord{true, Justice::kNone, D("2022-01-01")};
  });
  Reply(a.id, D("2026-11-29"));
  EXPECT_EQ(InDetention(D("2023-01-01"), kBY), 1u);
  EXPECT_EQ(engine_.Impunity(D("2023-01-01"), kBY).total, 1u);

  Patch(a.id, {{"country", "RU"}});
  EXPECT_EQ(InDetention(D("2023-01-01"), kBY), 0u);
  EXPECT_EQ(InDetention(D("2023-01-01"), kRU), 1u);
  EXPECT_EQ(InDetention(D("2023-01-01")), 1u);
  EXPECT_EQ(engine_.CountDetainedOn(D("2023-01-01"), kAll).by_country,
            (std::map<std::string, uint64_t>{{"RU", 1}}));
  EXPECT_EQ(engine_.Impunity(D("2023-01-01"), kBY).total, 0u);
  EXPECT_EQ(engine_.Impunity(D("2023-01-01"), kRU).total, 1u);
  const CountDimension by_country[] = {CountDimension::kCountry};
  auto rows = engine_.CountAlerts(by_country, {});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].country, "RU");
  ReplyReport replies = engine_.Replies(kAll, std::nullopt);
  ASSERT_EQ(replies.rows.size(), 1u);
  EXPECT_EQ(replies.rows[0].country, "RU");
  EXPECT_EQ(engine_.Replies(kBY, std::nullopt).total.published, 0u);
}

TEST_F(StatsEngineTest, AMergedDuplicateCountsOnce) {
  Alert first = Publish("BY", {Detained("A", D("2022-01-01"))});
  Alert duplicate = Publish("BY", {Detained("A.", D("2022-01-01"))});
  EXPECT_EQ(InDetention(D("2023-01-01")), 2u);  // two victims without person_id: two persons
  auto merged = alerts().Merge(Principal::Editor(), duplicate.id, first.id);
  ASSERT_TRUE(merged) << merged.error().message;
  EXPECT_EQ(InDetention(D("2023-01-01")), 1u);
  EXPECT_EQ(engine_.CountAlerts({}, {})[0].count, 1u);
}

TEST_F(StatsEngineTest, OnePersonInTwoAlertsCountsOnceInTotalAndOncePerCountry) {
  Victim a = Detained("A. N.", D("2022-01-01"), D("2023-01-01"));
  a.person_id = "p-1";
  Victim again = Detained("Anna N.", D("2022-06-01"));  // overlaps, then goes on
  again.person_id = "p-1";
  Alert first = Publish("BY", {a});
  Alert second = Publish("BY", {again});
  EXPECT_EQ(InDetention(D("2021-12-31")), 0u);
  EXPECT_EQ(InDetention(D("2022-07-01")), 1u);
  EXPECT_EQ(InDetention(D("2024-01-01")), 1u);

  // Reported again by an alert about Russia: once in total, once under each country.
  Victim there = Detained("A. N.", D("2022-03-01"), D("2022-09-01"));
  there.person_id = "p-1";
  Publish("RU", {there});
  DetentionCount n = engine_.CountDetainedOn(D("2022-07-01"), kAll);
  EXPECT_EQ(n.total, 1u);
  EXPECT_EQ(n.by_country, (std::map<std::string, uint64_t>{{"BY", 1}, {"RU", 1}}));
  EXPECT_EQ(InDetention(D("2022-07-01"), kRU), 1u);
  EXPECT_EQ(InDetention(D("2022-09-01"), kRU), 0u);

  // Taking the second BY alert away leaves the first period only.
  Move(second.id, AlertStatus::kResolved, D("2024-01-01"));
  EXPECT_EQ(InDetention(D("2024-02-01")), 1u);  // resolved alerts still count
  auto pointer = alerts().Merge(Principal::Editor(), second.id, first.id);
  ASSERT_TRUE(pointer) << pointer.error().message;
  EXPECT_EQ(InDetention(D("2024-02-01")), 0u);
  EXPECT_EQ(InDetention(D("2022-12-31"), kBY), 1u);
  EXPECT_EQ(InDetention(D("2023-01-01"), kBY), 0u);
}

TEST_F(StatsEngineTest, ResolutionOnDEndsImpunityOnDButNotTheDayBefore) {
  Alert a = Publish("RU", {}, [](AlertContent& c) {
    c.categories = {Category::kImpunity, Category::kAttack};
    c.impunity = ImpunityRecord{true, Justice::kPartial, D("2006-10-07")};
  });
  Publish("RU", {}, [](AlertContent& c) {  // all convicted: not impunity
    c.categories = {Category::kImpunity};
    c.impunity = ImpunityRecord{true, Justice::kFull, D("2006-10-07")};
  });
  Publish("RU", {}, [](AlertContent& c) {  // not a murder
    c.categories = {Category::kImpunity};
    c.impunity = ImpunityRecord{false, Justice::kNone, D("2006-10-07")};
  });
  EXPECT_EQ(engine_.Impunity(D("2006-10-06"), kAll).total, 0u);
  ImpunityReport on = engine_.Impunity(D("2006-10-07"), kAll);
  EXPECT_EQ(on.total, 1u);
  EXPECT_EQ(on.justice_partial, 1u);
  EXPECT_EQ(on.justice_none, 0u);
  EXPECT_EQ(on.by_country, (std::map<std::string, uint64_t>{{"RU", 1}}));
  ASSERT_EQ(on.cases.size(), 1u);
  EXPECT_EQ(on.cases[0], (ImpunityCase{a.id, "RU", D("2006-10-07"), Justice::kPartial}));

  Move(a.id, AlertStatus::kResolved, D("2024-06-07"));
  EXPECT_EQ(engine_.Impunity(D("2024-06-06"), kAll).total, 1u);
  EXPECT_EQ(engine_.Impunity(D("2024-06-07"), kAll).total, 0u);
  EXPECT_EQ(engine_.Impunity(D("2026-11-29"), kRU).total, 0u);

  Move(a.id, AlertStatus::kPublished);  // reopened: the resolution is gone
  EXPECT_EQ(engine_.Impunity(D("2024-06-07"), kAll).total, 1u);
  EXPECT_EQ(engine_.Impunity(D("2026-11-29"), kRU).total, 1u);
  EXPECT_EQ(engine_.Impunity(D("2026-11-29"), kBY).total, 0u);
}

TEST_F(StatsEngineTest, AnAlertCountsOnceInEachOfItsCategories) {
  Publish("BY", {}, [](AlertContent& c) {
    c.categories = {Category::kDetention, Category::kHarassment};
  });
  Publish("BY", {}, [](AlertContent& c) { c.categories = {Category::kDetention}; });
  EXPECT_EQ(engine_.CountAlerts({}, {})[0].count, 2u);

  const CountDimension by_category[] = {CountDimension::kCategory};
  auto rows = engine_.CountAlerts(by_category, {});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].category, Category::kDetention);
  EXPECT_EQ(rows[0].count, 2u);
  EXPECT_EQ(rows[1].category, Category::kHarassment);
  EXPECT_EQ(rows[1].count, 1u);
  EXPECT_FALSE(rows[0].year);
  EXPECT_FALSE(rows[0].country);

  AlertFilter harassment;
  harassment.categories = {Category::kHarassment};
  EXPECT_EQ(engine_.CountAlerts({}, harassment)[0].count, 1u);
  rows = engine_.CountAlerts(by_category, harassment);  // only the filter's categories make rows
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].category, Category::kHarassment);

  const CountDimension by_year_and_status[] = {CountDimension::kStatus, CountDimension::kYear};
  rows = engine_.CountAlerts(by_year_and_status, {});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].year, 2023);
  EXPECT_EQ(rows[0].status, AlertStatus::kPublished);
  EXPECT_EQ(rows[0].count, 2u);
}

TEST_F(StatsEngineTest, CountsFollowTheListFilters) {
  Publish("BY", {}, [](AlertContent& c) { c.incident_date = D("2021-12-31"); });
  Alert b = Publish("BY", {}, [](AlertContent& c) { c.incident_date = D("2022-01-01"); });
  SubmitPublished("ifj", [](AlertContent& c) {
    c.country = "RU";
    c.level = 2;
    c.partners = {"efj"};
    c.incident_date = D("2022-06-15");
  });
  Move(b.id, AlertStatus::kResolved, D("2024-01-01"));
  auto count = [&](const AlertFilter& f) { return engine_.CountAlerts({}, f)[0].count; };
  EXPECT_EQ(count({.countries = {"BY"}}), 2u);
  EXPECT_EQ(count({.countries = {"BY", "RU"}}), 3u);
  EXPECT_EQ(count({.countries = {"FR"}}), 0u);
  EXPECT_EQ(count({.levels = {2}}), 1u);
  EXPECT_EQ(count({.levels = {3}}), 0u);
  EXPECT_EQ(count({.statuses = {AlertStatus::kResolved}}), 1u);
  EXPECT_EQ(count({.partners = {"ifj"}}), 1u);
  EXPECT_EQ(count({.partners = {"efj"}}), 3u);
  EXPECT_EQ(count({.partners = {"efj", "ifj"}}), 3u);
  EXPECT_EQ(count({.partners = {"nobody"}}), 0u);
  EXPECT_EQ(count({.from = D("2022-01-01")}), 2u);
  EXPECT_EQ(count({.from = D("2022-01-01"), .to = D("2022-06-14")}), 1u);
  EXPECT_EQ(count({.partners = {"ifj"}, .from = D("2022-01-01"), .to = D("2022-12-31")}), 1u);
  EXPECT_EQ(count({.from = D("2023-01-01"), .to = D("2022-01-01")}), 0u);

  const CountDimension by_year_country[] = {CountDimension::kYear, CountDimension::kCountry};
  auto rows = engine_.CountAlerts(by_year_country, {});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (AlertCountRow{2021, "BY", {}, {}, {}, {}, 1}));
  EXPECT_EQ(rows[1], (AlertCountRow{2022, "BY", {}, {}, {}, {}, 1}));
  EXPECT_EQ(rows[2], (AlertCountRow{2022, "RU", {}, {}, {}, {}, 1}));
}

TEST_F(StatsEngineTest, AlertCountsAsOfAPastDay) {
  // Published on 2024-01-10 and 2024-03-01; the first resolved on 2024-06-01.
  clock_.Set(*Timestamp::Parse("2024-01-10T18:00:00Z"));
  Alert early = Publish("BY", {}, [](AlertContent& c) { c.incident_date = D("2023-12-20"); });
  clock_.Set(*Timestamp::Parse("2024-03-01T09:00:00Z"));
  Publish("BY", {}, [](AlertContent& c) { c.incident_date = D("2024-02-27"); });
  clock_.Set(testing::TestNow());
  Move(early.id, AlertStatus::kResolved, D("2024-06-01"));

  const CountDimension by_status[] = {CountDimension::kStatus};
  auto rows = [&](std::optional<Date> as_of) { return engine_.CountAlerts(by_status, {}, as_of); };
  EXPECT_TRUE(rows(D("2024-01-09")).empty());  // nothing published yet
  EXPECT_EQ(rows(D("2024-01-10")),
            (std::vector<AlertCountRow>{{{}, {}, {}, {}, {}, AlertStatus::kPublished, 1}}));
  EXPECT_EQ(rows(D("2024-05-31")),
            (std::vector<AlertCountRow>{{{}, {}, {}, {}, {}, AlertStatus::kPublished, 2}}));
  const std::vector<AlertCountRow> now{{{}, {}, {}, {}, {}, AlertStatus::kPublished, 1},
                                       {{}, {}, {}, {}, {}, AlertStatus::kResolved, 1}};
  EXPECT_EQ(rows(D("2024-06-01")), now);
  EXPECT_EQ(rows(std::nullopt), now);
  EXPECT_EQ(rows(testing::TestNow().date()), now);
  // Filters still apply in the past, including the status as it was then.
  const AlertFilter resolved{.statuses = {AlertStatus::kResolved}};
  EXPECT_EQ(engine_.CountAlerts({}, resolved, D("2024-05-31"))[0].count, 0u);
  EXPECT_EQ(engine_.CountAlerts({}, resolved, D("2024-06-01"))[0].count, 1u);
  const AlertFilter efj_2024{.partners = {"efj"}, .from = D("2024-01-01")};
  EXPECT_EQ(engine_.CountAlerts({}, efj_2024, D("2024-02-29"))[0].count, 0u);
  EXPECT_EQ(engine_.CountAlerts({}, efj_2024, D("2024-03-01"))[0].count, 1u);
}

TEST_F(StatsEngineTest, ReplyRatesAsOfAPastDay) {
  clock_.Set(*Timestamp::Parse("2024-01-10T18:00:00Z"));
  Alert a = Publish("BY", {});
  Alert b = Publish("BY", {});
  clock_.Set(*Timestamp::Parse("2024-02-10T18:00:00Z"));
  Publish("BY", {});
  clock_.Set(testing::TestNow());
  Reply(a.id, D("2024-01-13"));
  Reply(b.id, D("2024-01-30"));

  EXPECT_TRUE(engine_.Replies(kBY, std::nullopt, D("2024-01-09")).rows.empty());
  ReplyReport mid = engine_.Replies(kBY, std::nullopt, D("2024-01-20"));
  EXPECT_EQ(mid.total.published, 2u);
  EXPECT_EQ(mid.total.with_reply, 1u);  // the second reply is not dated yet
  EXPECT_EQ(mid.total.median_days, 3.0);
  ReplyReport later = engine_.Replies(kBY, 2024, D("2024-02-10"));
  ASSERT_EQ(later.rows.size(), 1u);
  EXPECT_EQ(later.rows[0].published, 3u);
  EXPECT_EQ(later.rows[0].with_reply, 2u);
  EXPECT_EQ(later.total.median_days, 11.5);  // 3 and 20
  EXPECT_EQ(engine_.Replies(kBY, std::nullopt, testing::TestNow().date()),
            engine_.Replies(kBY, std::nullopt));
}

TEST_F(StatsEngineTest, ReplyRatesAndMedianDelays) {
  // Published on 2024-01-10; replies after 3, 10 and 20 days; one without a reply.
  clock_.Set(*Timestamp::Parse("2024-01-10T18:00:00Z"));
  std::vector<Alert> published;
  for (int i = 0; i < 4; ++i) published.push_back(Publish("BY", {}));
  Alert russian = Publish("RU", {});
  clock_.Set(testing::TestNow());
  Reply(published[0].id, D("2024-01-13"));
  Reply(published[1].id, D("2024-01-30"));
  Reply(published[1].id, D("2024-01-20"));  // the earliest reply is the first one
  Reply(published[2].id, D("2024-01-30"));
  Reply(russian.id, D("2024-01-11"));

  ReplyReport by = engine_.Replies(kBY, std::nullopt);
  ASSERT_EQ(by.rows.size(), 1u);
  EXPECT_EQ(by.rows[0].country, "BY");
  EXPECT_EQ(by.rows[0].year, 2024);
  EXPECT_EQ(by.rows[0].published, 4u);
  EXPECT_EQ(by.rows[0].with_reply, 3u);
  EXPECT_DOUBLE_EQ(by.rows[0].rate, 0.75);
  EXPECT_EQ(by.rows[0].median_days, 10.0);
  EXPECT_EQ(by.total.country, "BY");
  EXPECT_EQ(by.total.published, 4u);

  ReplyReport all = engine_.Replies(kAll, 2024);
  ASSERT_EQ(all.rows.size(), 2u);
  EXPECT_EQ(all.rows[1].country, "RU");
  EXPECT_EQ(all.rows[1].median_days, 1.0);
  EXPECT_EQ(all.total.published, 5u);
  EXPECT_EQ(all.total.with_reply, 4u);
  EXPECT_EQ(all.total.median_days, 6.5);  // 1, 3, 10, 20
  EXPECT_FALSE(all.total.country);
  EXPECT_EQ(all.total.year, 2024);

  EXPECT_TRUE(engine_.Replies(kAll, 2023).rows.empty());
  EXPECT_FALSE(engine_.Replies(kAll, 2023).total.median_days);
  EXPECT_EQ(engine_.Replies(std::string("FR"), std::nullopt).total.published, 0u);
}

TEST_F(StatsEngineTest, SeriesGivesTheCountAtTheEndOfEveryMonthOrYear) {
  Publish("BY", {Detained("A", D("2023-01-15"), D("2023-03-01"))});
  Publish("BY", {Detained("B", D("2023-02-28"))});
  auto months =
      engine_.DetentionSeries(SeriesPeriod::kMonth, D("2023-01-10"), D("2023-04-10"), std::nullopt);
  EXPECT_EQ(
      months,
      (std::vector<SeriesPoint>{
          {D("2023-01-31"), 1}, {D("2023-02-28"), 2}, {D("2023-03-31"), 1}, {D("2023-04-10"), 1}}));
  auto years = engine_.DetentionSeries(SeriesPeriod::kYear, D("2021-05-01"), D("2023-02-28"), kRU);
  EXPECT_EQ(years, (std::vector<SeriesPoint>{
                       {D("2021-12-31"), 0}, {D("2022-12-31"), 0}, {D("2023-02-28"), 0}}));
  years = engine_.DetentionSeries(SeriesPeriod::kYear, D("2022-12-31"), D("2023-02-28"), kBY);
  EXPECT_EQ(years, (std::vector<SeriesPoint>{{D("2022-12-31"), 0}, {D("2023-02-28"), 2}}));
  EXPECT_TRUE(engine_.DetentionSeries(SeriesPeriod::kMonth, D("2023-02-01"), D("2023-01-01"), kAll)
                  .empty());
}

// SPEC: "how many journalists are in detention on a given day (for example 38 in Belarus at
// the end of 2023)". 38 detained persons among released ones, drafts and other countries.
TEST_F(StatsEngineTest, BelarusHas38JournalistsInDetentionAsOf2023_12_31) {
  const Date day = D("2023-12-31");
  int made = 0;
  auto person = [&](Date from, std::optional<Date> until) {
    return Detained("Journalist " + std::to_string(++made), from, until);
  };
  // 30 alerts with one person each, arrested between 2020 and 2023, most still detained.
  for (int i = 0; i < 30; ++i) {
    const Date from = D("2020-08-09").AddDays(i * 40);
    Publish("BY", {person(from, i % 3 == 0 ? std::optional<Date>(D("2025-01-01")) : std::nullopt)});
  }
  // 3 alerts with two persons each (36), one of them withheld, one a blogger.
  for (int i = 0; i < 3; ++i) {
    Victim a = person(D("2022-02-01"), std::nullopt);
    Victim b = person(D("2023-05-05"), D("2024-02-02"));
    b.withheld = i == 0;
    b.kind = i == 1 ? VictimKind::kBlogger : VictimKind::kPhotographer;
    Publish("BY", {a, b});
  }
  // One person reported by two alerts (37), arrested twice: the periods touch, one stretch.
  Victim first = person(D("2021-01-01"), D("2022-01-01"));
  first.person_id = "by-0001";
  first.detentions.push_back({D("2022-06-01"), std::nullopt});
  Victim again = person(D("2022-01-01"), D("2022-06-01"));
  again.person_id = "by-0001";
  Publish("BY", {first});
  Publish("BY", {again});
  // A case resolved in 2024, still detained on the day (38).
  Alert resolved = Publish("BY", {person(D("2023-11-30"), D("2024-03-01"))});
  Move(resolved.id, AlertStatus::kResolved, D("2024-03-01"));

  // Noise: released on the day or before, arrested after it, not a person, not public, a
  // merged duplicate, other countries.
  Publish("BY", {person(D("2023-06-01"), day)});
  Publish("BY", {person(D("2022-06-01"), D("2023-06-01"))});
  Publish("BY", {person(day.AddDays(1), std::nullopt)});
  Victim outlet = person(D("2023-01-01"), std::nullopt);
  outlet.kind = VictimKind::kMediaOutlet;
  Publish("BY", {outlet});
  Draft("BY", {person(D("2023-01-01"), std::nullopt)});
  Move(Draft("BY", {person(D("2023-01-01"), std::nullopt)}).id, AlertStatus::kRejected);
  Alert original = Publish("BY", {person(D("2023-02-02"), std::nullopt)});  // 39 for now
  Alert duplicate = Publish("BY", {person(D("2023-02-02"), std::nullopt)});
  ASSERT_TRUE(alerts().Merge(Principal::Editor(), duplicate.id, original.id));
  Publish("RU", {person(D("2022-01-01"), std::nullopt), person(D("2023-01-01"), std::nullopt)});
  Publish("AZ", {person(D("2023-01-01"), std::nullopt)});
  // The alert of the day before: withdrawn by its partner from the draft.
  Move(Draft("BY", {person(D("2023-01-01"), std::nullopt)}).id, AlertStatus::kWithdrawn,
       std::nullopt, Principal::Partner("efj"));
  // One of the 39 turns out to have been released in 2022.
  Patch(original.id, json::parse(R"({"victims": [{"name": "Journalist x", "kind": "journalist",
      "detentions": [{"from": "2022-02-02", "until": "2022-03-03"}]}]})")
                         .as_object());

  EXPECT_EQ(InDetention(day, kBY), 38u);
  DetentionCount all = engine_.CountDetainedOn(day, kAll);
  EXPECT_EQ(all.by_country, (std::map<std::string, uint64_t>{{"AZ", 1}, {"BY", 38}, {"RU", 2}}));
  EXPECT_EQ(all.total, 41u);

  // The same from the store alone, as at a restart.
  StatsEngine rebuilt;
  auto read = RebuildStatistics(platform_->store(), rebuilt);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(rebuilt.CountDetainedOn(day, kBY).total, 38u);
  EXPECT_EQ(Snapshot(rebuilt), Snapshot(engine_));
}

TEST_F(StatsEngineTest, RebuildFromTheStoreAgreesWithTheObservedChanges) {
  Victim shared = Detained("S", D("2022-05-05"), D("2024-05-05"));
  shared.person_id = "p-9";
  Alert a = Publish("BY", {shared, Detained("T", D("2023-03-14"))}, [](AlertContent& c) {
    c.categories = {Category::kImpunity, Category::kDetention};
    c.impunity = ImpunityRecord{true, Justice::kNone, D("2023-03-14")};
  });
  Publish("RU", {shared});
  Alert b = Publish("RU", {Detained("U", D("2019-01-01"), D("2023-03-14"))});
  Reply(b.id, D("2026-11-29"));
  Move(a.id, AlertStatus::kResolved, D("2024-06-01"));
  Draft("BY", {Detained("V", D("2020-01-01"))});
  Patch(b.id, {{"country", "BY"}, {"level", 2}});

  StatsEngine rebuilt;
  auto read = RebuildStatistics(platform_->store(), rebuilt);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, 4u);  // every record, public or not
  EXPECT_EQ(rebuilt.CountedAlerts(), 3u);
  EXPECT_EQ(Snapshot(rebuilt), Snapshot(engine_));

  // Rebuilding an engine that already holds data replaces it.
  auto again = RebuildStatistics(platform_->store(), engine_);
  ASSERT_TRUE(again);
  EXPECT_EQ(Snapshot(rebuilt), Snapshot(engine_));
}

TEST_F(StatsEngineTest, ARebuildWhileAlertsAreWrittenLosesNoChange) {
  std::atomic<bool> done = false;
  std::thread writer([&] {
    for (int i = 0; i < 40; ++i) {
      Alert a = Publish(i % 2 ? "BY" : "RU", {Detained("W", D("2020-01-01").AddDays(i))});
      if (i % 5 == 0) Move(a.id, AlertStatus::kResolved, D("2024-01-01"));
    }
    done = true;
  });
  int rebuilds = 0;
  while (!done) {
    auto read = RebuildStatistics(platform_->store(), engine_);
    ASSERT_TRUE(read) << read.error().message;
    ++rebuilds;
  }
  writer.join();
  EXPECT_GT(rebuilds, 1);
  StatsEngine fresh;
  ASSERT_TRUE(RebuildStatistics(platform_->store(), fresh));
  EXPECT_EQ(InDetention(D("2023-01-01")), 40u);
  EXPECT_EQ(Snapshot(engine_), Snapshot(fresh));
}

TEST_F(StatsEngineTest, ApplyingARecordTwiceChangesNothing) {
  Alert a = Publish("BY", {Detained("A", D("2022-01-01"))});
  Reply(a.id, D("2026-11-29"));
  const std::string before = Snapshot(engine_);
  auto record = platform_->store().Get(storage::Family::kStats, AlertKey(a.id));
  ASSERT_TRUE(record && *record);
  engine_.ApplyRecord(AlertKey(a.id), **record);
  engine_.ApplyRecord(AlertKey(a.id), **record);
  EXPECT_EQ(Snapshot(engine_), before);
  engine_.ApplyRecord(AlertKey(a.id), std::nullopt);  // a delete
  EXPECT_EQ(InDetention(D("2023-01-01")), 0u);
  engine_.ApplyRecord(AlertKey(a.id), **record);
  EXPECT_EQ(Snapshot(engine_), before);
}

TEST_F(StatsEngineTest, DamagedRecordsAreReportedNotTrusted) {
  Alert a = Publish("BY", {Detained("A", D("2022-01-01"))});
  engine_.ApplyRecord(AlertKey(a.id), std::string_view("\x01garbage"));
  EXPECT_EQ(engine_.damaged_records(), 1u);
  EXPECT_EQ(InDetention(D("2023-01-01")), 0u);
  engine_.ApplyRecord("short", std::nullopt);
  EXPECT_EQ(engine_.damaged_records(), 2u);

  // A record under the key of another alert is damage too.
  StatsRecord other = StatsRecord::Of(a);
  other.id = a.id + 1;
  engine_.ApplyRecord(AlertKey(a.id), EncodeStatsRecord(other));
  EXPECT_EQ(engine_.damaged_records(), 3u);

  // A rebuild refuses a damaged store, names the alert, and leaves the engine as it was.
  auto good = RebuildStatistics(platform_->store(), engine_);
  ASSERT_TRUE(good);
  EXPECT_EQ(InDetention(D("2023-01-01")), 1u);
  ASSERT_TRUE(platform_->store()
                  .Write([](storage::Transaction& txn) {
                    txn.Put(storage::Family::kStats, AlertKey(77), "{\"json\": true}");
                    return storage::Status::Ok();
                  })
                  .ok());
  auto bad = RebuildStatistics(platform_->store(), engine_);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("alert 77"), std::string::npos) << bad.error().message;
  EXPECT_EQ(InDetention(D("2023-01-01")), 1u);
}

}  // namespace
}  // namespace soj::tracker
