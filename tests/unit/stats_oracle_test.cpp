// StatsEngine against a brute-force oracle: random datasets (detentions that start, end and
// overlap across alerts, shared person_ids, every status, resolutions, merges, country moves,
// deletes) are fed record by record, then every query is compared, for many dates, countries,
// filters and groupings, with an answer computed here directly from the Alert values.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "storage/store.hpp"
#include "tests/test_support.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/stats_engine.hpp"
#include "tracker/stats_record.hpp"

namespace soj::tracker {
namespace {

const std::vector<std::string> kCountries = {"AZ", "BY", "GE", "RS", "RU", "TR", "UA"};

Date Day(int y, unsigned m, unsigned d) { return *Date::FromYmd(y, m, d); }

// ---------------------------------------------------------------------------------------------
// Random alerts

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {
    // 70 partners so that some get numbers past the 64 an entry's bit mask holds; the first
    // ten are picked far more often.
    for (int i = 0; i < 70; ++i) partners_.push_back("partner" + std::to_string(i));
  }

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }
  Date DateBetween(Date a, Date b) { return Date::FromDays(Int(a.days(), b.days())); }
  std::string Partner() {
    return partners_[static_cast<std::size_t>(Chance(0.9) ? Int(0, 9) : Int(0, 69))];
  }
  std::string PartnerName(int i) { return partners_[static_cast<std::size_t>(i)]; }

  Alert MakeAlert(AlertId id) {
    Alert a;
    a.id = id;
    AlertContent& c = a.content;
    c.country = Pick(kCountries);
    c.incident_date = DateBetween(Day(2014, 1, 1), Day(2026, 11, 29));
    do {
      c.categories.clear();
      for (int k = 0; k < 5; ++k)
        if (Chance(0.3)) c.categories.push_back(static_cast<Category>(k));
    } while (c.categories.empty());
    c.level = Int(1, 2);
    c.threat_source = static_cast<ThreatSource>(Int(0, 2));
    for (int n = Int(0, 3); n > 0; --n) {
      std::string p = Partner();
      if (!c.HasPartner(p)) c.partners.push_back(p);
    }
    for (int n = Chance(0.5) ? Int(1, 3) : 0; n > 0; --n) c.victims.push_back(MakeVictim());
    if (Chance(0.15))
      c.impunity = ImpunityRecord{Chance(0.7), static_cast<Justice>(Int(0, 2)),
                                  DateBetween(Day(2000, 1, 1), Day(2026, 11, 29))};
    a.status = static_cast<AlertStatus>(Int(0, 4));
    if (a.status == AlertStatus::kPublished || a.status == AlertStatus::kResolved || Chance(0.05)) {
      if (!Chance(0.03)) {
        const Date on = DateBetween(c.incident_date, std::max(c.incident_date, Day(2026, 11, 29)));
        a.published_at = Timestamp::FromUnixSeconds(int64_t{on.days()} * 86400 + Int(0, 86399));
      }
    }
    for (int n = Chance(0.5) ? Int(1, 3) : 0; n > 0; --n)
      a.state_replies.push_back(
          {static_cast<uint32_t>(n), DateBetween(Day(2015, 1, 1), Day(2026, 11, 29)), "", ""});
    if (a.status == AlertStatus::kResolved || Chance(0.03))
      a.resolution = Resolution{DateBetween(Day(2015, 1, 1), Day(2026, 11, 29)), ""};
    if (Chance(0.05) && id > 1)
      a.merged_into = static_cast<AlertId>(Int(1, static_cast<int>(id) - 1));
    return a;
  }

  Victim MakeVictim() {
    Victim v;
    v.kind = static_cast<VictimKind>(Chance(0.1) ? 2 : Int(0, 5));
    if (Chance(0.3)) v.person_id = "person-" + std::to_string(Int(1, 60));
    // Periods may overlap: the engine must not rely on validation for distinct counting.
    for (int n = Chance(0.7) ? Int(1, 3) : 0; n > 0; --n) {
      DetentionPeriod d;
      d.from = DateBetween(Day(2013, 1, 1), Day(2026, 11, 29));
      if (!Chance(0.3)) d.until = d.from.AddDays(Chance(0.05) ? 0 : Int(1, 900));
      v.detentions.push_back(d);
    }
    return v;
  }

  // A later version of `a`: the edits and transitions alerts go through.
  void Mutate(Alert& a) {
    switch (Int(0, 9)) {
      case 0:
        a.content.country = Pick(kCountries);
        break;
      case 1:
        a.status = static_cast<AlertStatus>(Int(0, 4));
        break;
      case 2:
        a.status = AlertStatus::kResolved;
        a.resolution = Resolution{DateBetween(Day(2015, 1, 1), Day(2026, 11, 29)), ""};
        break;
      case 3:
        a.status = AlertStatus::kPublished;
        a.resolution.reset();
        break;
      case 4:
        a.content.victims.push_back(MakeVictim());
        break;
      case 5:
        if (!a.content.victims.empty()) a.content.victims.erase(a.content.victims.begin());
        break;
      case 6:
        a.state_replies.push_back({9, DateBetween(Day(2015, 1, 1), Day(2026, 11, 29)), "", ""});
        break;
      case 7:
        a.merged_into = a.merged_into ? std::nullopt : std::optional<AlertId>(1);
        break;
      case 8:
        a.content.incident_date = DateBetween(Day(2014, 1, 1), Day(2026, 11, 29));
        a.content.level = Int(1, 2);
        break;
      default:
        for (Victim& v : a.content.victims)
          for (DetentionPeriod& d : v.detentions)
            if (!d.until) d.until = d.from.AddDays(Int(0, 400));
        break;
    }
  }

 private:
  std::mt19937_64 rng_;
  std::vector<std::string> partners_;
};

// ---------------------------------------------------------------------------------------------
// The oracle: every answer recomputed from the alerts, the slow and obvious way.

class Oracle {
 public:
  explicit Oracle(const std::map<AlertId, Alert>& alerts) {
    for (const auto& [id, a] : alerts)
      if (a.IsPublic()) public_.push_back(&a);
  }

  DetentionCount Detained(Date day, const std::optional<std::string>& country) const {
    std::set<std::string> everyone;
    std::map<std::string, std::set<std::string>> per_country;
    for (const Alert* a : public_) {
      if (country && a->content.country != *country) continue;
      for (std::size_t i = 0; i < a->content.victims.size(); ++i) {
        const Victim& v = a->content.victims[i];
        if (v.kind == VictimKind::kMediaOutlet) continue;
        const bool held = std::any_of(v.detentions.begin(), v.detentions.end(), [&](auto& d) {
          return d.from <= day && (!d.until || *d.until > day);
        });
        if (!held) continue;
        const std::string who =
            v.person_id ? "id:" + *v.person_id : std::to_string(a->id) + "/" + std::to_string(i);
        everyone.insert(who);
        per_country[a->content.country].insert(who);
      }
    }
    DetentionCount out;
    out.total = everyone.size();
    for (const auto& [c, people] : per_country) out.by_country[c] = people.size();
    if (country) out.by_country[*country] = out.total;
    return out;
  }

  std::vector<SeriesPoint> Series(SeriesPeriod period, Date from, Date to,
                                  const std::optional<std::string>& country) const {
    using namespace std::chrono;
    std::vector<SeriesPoint> out;
    year_month ym = from.ymd().year() / from.ymd().month();
    while (true) {
      if (period == SeriesPeriod::kYear) ym = ym.year() / December;
      const Date end = Date::FromDays(
          static_cast<int32_t>(sys_days(year_month_day_last(ym.year(), month_day_last(ym.month())))
                                   .time_since_epoch()
                                   .count()));
      const Date at = end < to ? end : to;
      if (at < from) break;
      out.push_back({at, Detained(at, country).total});
      if (!(end < to)) break;
      ym += months(1);
    }
    return out;
  }

  ImpunityReport Impunity(Date day, const std::optional<std::string>& country) const {
    ImpunityReport out;
    for (const Alert* a : public_) {
      const auto& imp = a->content.impunity;
      if (!imp || !imp->murder || imp->justice == Justice::kFull || imp->since > day) continue;
      if (country && a->content.country != *country) continue;
      if (a->status == AlertStatus::kResolved && a->resolution && a->resolution->date <= day)
        continue;
      ++out.total;
      ++out.by_country[a->content.country];
      ++(imp->justice == Justice::kNone ? out.justice_none : out.justice_partial);
      out.cases.push_back({a->id, a->content.country, imp->since, imp->justice});
    }
    return out;
  }

  std::vector<AlertCountRow> Count(const std::set<CountDimension>& group, const AlertFilter& f,
                                   std::optional<Date> as_of = std::nullopt) const {
    auto any = [](const auto& wanted, const auto& value) {
      return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
    };
    using Key =
        std::tuple<std::optional<int>, std::optional<std::string>, std::optional<Category>,
                   std::optional<int>, std::optional<ThreatSource>, std::optional<AlertStatus>>;
    std::map<Key, uint64_t> rows;
    for (const Alert* a : public_) {
      const AlertContent& c = a->content;
      AlertStatus status = a->status;
      if (as_of) {
        const Date published = a->published_at ? a->published_at->date() : c.incident_date;
        if (published > *as_of) continue;
        if (status == AlertStatus::kResolved && a->resolution && a->resolution->date > *as_of)
          status = AlertStatus::kPublished;
      }
      if (!any(f.countries, c.country) || !any(f.levels, c.level) ||
          !any(f.threat_sources, c.threat_source) || !any(f.statuses, status))
        continue;
      if (f.from && c.incident_date < *f.from) continue;
      if (f.to && c.incident_date > *f.to) continue;
      if (!f.categories.empty() && std::none_of(c.categories.begin(), c.categories.end(),
                                                [&](Category k) { return any(f.categories, k); }))
        continue;
      if (!f.partners.empty() &&
          std::none_of(c.partners.begin(), c.partners.end(),
                       [&](const std::string& p) { return any(f.partners, p); }))
        continue;
      Key key;
      if (group.contains(CountDimension::kYear)) std::get<0>(key) = c.incident_date.year();
      if (group.contains(CountDimension::kCountry)) std::get<1>(key) = c.country;
      if (group.contains(CountDimension::kLevel)) std::get<3>(key) = c.level;
      if (group.contains(CountDimension::kThreatSource)) std::get<4>(key) = c.threat_source;
      if (group.contains(CountDimension::kStatus)) std::get<5>(key) = status;
      if (!group.contains(CountDimension::kCategory)) {
        ++rows[key];
        continue;
      }
      for (Category k : c.categories) {
        if (!any(f.categories, k)) continue;
        std::get<2>(key) = k;
        ++rows[key];
      }
    }
    std::vector<AlertCountRow> out;
    for (const auto& [k, n] : rows)
      out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), std::get<4>(k),
                     std::get<5>(k), n});
    if (group.empty() && out.empty()) out.push_back({});
    return out;
  }

  ReplyReport Replies(const std::optional<std::string>& country, std::optional<int> year,
                      Date as_of = Date::FromYmd(9999, 12, 31).value()) const {
    std::map<std::pair<std::string, int>, std::vector<int>> delays;  // -1000000 = no reply
    for (const Alert* a : public_) {
      if (!a->published_at) continue;
      const Date published = a->published_at->date();
      if (published > as_of) continue;
      if (country && a->content.country != *country) continue;
      if (year && published.year() != *year) continue;
      std::vector<int>& d = delays[{a->content.country, published.year()}];
      std::optional<Date> first;
      for (const Note& r : a->state_replies)
        if (r.date <= as_of && (!first || r.date < *first)) first = r.date;
      d.push_back(first ? first->days() - published.days() : -1000000);
    }
    ReplyReport out;
    std::vector<int> all;
    auto row = [](std::vector<int> d) {
      ReplyRow r;
      r.published = d.size();
      std::erase(d, -1000000);
      std::sort(d.begin(), d.end());
      r.with_reply = d.size();
      r.rate = r.published ? double(r.with_reply) / double(r.published) : 0.0;
      if (!d.empty())
        r.median_days =
            d.size() % 2 ? double(d[d.size() / 2]) : (d[d.size() / 2 - 1] + d[d.size() / 2]) / 2.0;
      return r;
    };
    for (const auto& [key, d] : delays) {
      ReplyRow r = row(d);
      r.country = key.first;
      r.year = key.second;
      out.rows.push_back(r);
      all.insert(all.end(), d.begin(), d.end());
    }
    out.total = row(all);
    out.total.country = country;
    out.total.year = year;
    return out;
  }

 private:
  std::vector<const Alert*> public_;
};

// ---------------------------------------------------------------------------------------------

class StatsOracleTest : public ::testing::Test {
 protected:
  void Put(const Alert& a) {
    alerts_[a.id] = a;
    engine_->ApplyRecord(AlertKey(a.id), EncodeStatsRecord(a));
  }
  void Delete(AlertId id) {
    alerts_.erase(id);
    engine_->ApplyRecord(AlertKey(id), std::nullopt);
  }

  std::optional<std::string> SomeCountry(Generator& g) {
    const int k = g.Int(0, 9);
    if (k < 7) return kCountries[static_cast<std::size_t>(k)];
    if (k == 7) return "FR";  // no alerts
    return std::nullopt;
  }

  AlertFilter SomeFilter(Generator& g) {
    AlertFilter f;
    if (g.Chance(0.3))
      for (int n = g.Int(1, 3); n > 0; --n) f.countries.push_back(SomeCountry(g).value_or("ZZ"));
    if (g.Chance(0.3))
      for (int n = g.Int(1, 2); n > 0; --n)
        f.categories.push_back(static_cast<Category>(g.Int(0, 4)));
    if (g.Chance(0.2)) f.levels.push_back(g.Int(1, 3));
    if (g.Chance(0.2)) f.threat_sources.push_back(static_cast<ThreatSource>(g.Int(0, 2)));
    if (g.Chance(0.2)) f.statuses.push_back(static_cast<AlertStatus>(g.Int(0, 4)));
    if (g.Chance(0.3))
      for (int n = g.Int(1, 2); n > 0; --n)
        f.partners.push_back(g.Chance(0.05) ? "unknown" : g.PartnerName(g.Int(0, 69)));
    if (g.Chance(0.4)) {
      // Whole years (the cell path) or any day (the scan path).
      f.from = g.Chance(0.5) ? Day(g.Int(2013, 2027), 1, 1)
                             : g.DateBetween(Day(2013, 1, 1), Day(2027, 1, 1));
    }
    if (g.Chance(0.4))
      f.to = g.Chance(0.5) ? Day(g.Int(2013, 2027), 12, 31)
                           : g.DateBetween(Day(2013, 1, 1), Day(2027, 1, 1));
    return f;
  }

  void CheckEverything(const StatsEngine& engine, Generator& g, const char* stage) {
    SCOPED_TRACE(stage);
    const Oracle oracle(alerts_);
    for (int i = 0; i < 60; ++i) {
      const Date day = g.DateBetween(Day(2012, 6, 1), Day(2026, 11, 29));
      SCOPED_TRACE(day.ToString());
      for (const std::optional<std::string>& country :
           {std::optional<std::string>(), SomeCountry(g), SomeCountry(g)}) {
        ASSERT_EQ(engine.CountDetainedOn(day, country), oracle.Detained(day, country))
            << country.value_or("*");
        ASSERT_EQ(engine.Impunity(day, country), oracle.Impunity(day, country))
            << country.value_or("*");
      }
    }
    for (int i = 0; i < 10; ++i) {
      const Date from = g.DateBetween(Day(2012, 1, 1), Day(2026, 11, 29));
      const Date to = g.DateBetween(from, Day(2026, 11, 29));
      const SeriesPeriod period = g.Chance(0.5) ? SeriesPeriod::kMonth : SeriesPeriod::kYear;
      const auto country = SomeCountry(g);
      ASSERT_EQ(engine.DetentionSeries(period, from, to, country),
                oracle.Series(period, from, to, country))
          << from.ToString() << ".." << to.ToString();
    }
    for (int i = 0; i < 150; ++i) {
      std::set<CountDimension> group;
      std::vector<CountDimension> group_by;
      for (int d = 0; d < 6; ++d)
        if (g.Chance(0.3)) {
          group.insert(static_cast<CountDimension>(d));
          group_by.insert(group_by.begin(), static_cast<CountDimension>(d));  // any order
        }
      const AlertFilter filter = i % 3 == 0 ? AlertFilter{} : SomeFilter(g);
      ASSERT_EQ(engine.CountAlerts(group_by, filter), oracle.Count(group, filter)) << "query " << i;
      const Date as_of = g.DateBetween(Day(2012, 6, 1), Day(2026, 11, 29));
      ASSERT_EQ(engine.CountAlerts(group_by, filter, as_of), oracle.Count(group, filter, as_of))
          << "query " << i << " as of " << as_of.ToString();
    }
    // Every partner alone (cells of one partner) and with another over a cut year (the scan,
    // with partner numbers past the entry mask).
    const CountDimension by_year[] = {CountDimension::kYear};
    for (int p = 0; p < 70; ++p) {
      AlertFilter one{.partners = {g.PartnerName(p)}};
      ASSERT_EQ(engine.CountAlerts(by_year, one), oracle.Count({CountDimension::kYear}, one))
          << one.partners[0];
      AlertFilter two{.partners = {g.PartnerName(p), g.PartnerName(g.Int(0, 69))},
                      .from = Day(2016, 3, 3)};
      ASSERT_EQ(engine.CountAlerts({}, two), oracle.Count({}, two)) << one.partners[0];
    }
    for (int i = 0; i < 20; ++i) {
      const auto country = SomeCountry(g);
      const std::optional<int> year =
          g.Chance(0.5) ? std::optional<int>(g.Int(2014, 2027)) : std::nullopt;
      ASSERT_EQ(engine.Replies(country, year), oracle.Replies(country, year))
          << country.value_or("*") << " " << year.value_or(0);
      const Date as_of = g.DateBetween(Day(2014, 1, 1), Day(2026, 11, 29));
      ASSERT_EQ(engine.Replies(country, year, as_of), oracle.Replies(country, year, as_of))
          << country.value_or("*") << " " << year.value_or(0) << " as of " << as_of.ToString();
    }
  }

  // A second engine rebuilt from a store holding exactly the current records.
  void CheckRebuild(Generator& g) {
    testing::TempDir dir;
    auto store =
        storage::Store::Open({.path = dir.str(), .create_if_missing = true, .sync = false});
    ASSERT_TRUE(store) << store.error().ToString();
    ASSERT_TRUE((*store)
                    ->Write([&](storage::Transaction& txn) {
                      for (const auto& [id, a] : alerts_)
                        txn.Put(storage::Family::kStats, AlertKey(id), EncodeStatsRecord(a));
                      return storage::Status::Ok();
                    })
                    .ok());
    StatsEngine rebuilt;
    auto read = RebuildStatistics(**store, rebuilt);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(*read, alerts_.size());
    CheckEverything(rebuilt, g, "rebuilt");
  }

  std::map<AlertId, Alert> alerts_;
  std::unique_ptr<StatsEngine> engine_ = std::make_unique<StatsEngine>();
};

TEST_F(StatsOracleTest, RandomDatasetsAgreeWithTheOracle) {
  for (uint64_t seed : {1u, 2u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    alerts_.clear();
    engine_ = std::make_unique<StatsEngine>();
    Generator g(seed);
    const AlertId n = 2500;
    for (AlertId id = 1; id <= n; ++id) Put(g.MakeAlert(id));
    CheckEverything(*engine_, g, "loaded");

    // Later versions, deletes and repeats, in a random order.
    for (int i = 0; i < 3000; ++i) {
      const AlertId id = static_cast<AlertId>(g.Int(1, static_cast<int>(n) + 50));
      auto it = alerts_.find(id);
      if (it == alerts_.end()) {
        Put(g.MakeAlert(id));
      } else if (g.Chance(0.05)) {
        Delete(id);
      } else if (g.Chance(0.1)) {
        Put(it->second);  // the same record again
      } else {
        Alert next = it->second;
        g.Mutate(next);
        Put(next);
      }
    }
    CheckEverything(*engine_, g, "changed");
    CheckRebuild(g);
  }
}

TEST_F(StatsOracleTest, AlertIdsBeyondTheDenseRangeWork) {
  Generator g(7);
  for (AlertId id : {AlertId{1}, AlertId{1} << 24, (AlertId{1} << 40) + 3, ~AlertId{0}}) {
    Alert a = g.MakeAlert(2);
    a.id = id;
    a.status = AlertStatus::kPublished;
    a.merged_into.reset();
    Put(a);
  }
  CheckEverything(*engine_, g, "sparse ids");
  Delete(AlertId{1} << 24);
  CheckEverything(*engine_, g, "sparse ids after a delete");
}

}  // namespace
}  // namespace soj::tracker
