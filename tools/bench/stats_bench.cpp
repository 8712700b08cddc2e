// stats_bench: StatsEngine at N synthetic alerts (default 1,000,000): rebuild time from a real
// store, engine memory, and the median time of every statistics query, in process.
// Usage: soj_stats_bench [N] [all|queries|rebuild] — see docs/performance.md. `queries` skips
// the incremental load; `rebuild` only rebuilds.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "storage/store.hpp"
#include "tools/bench/synthetic_stats.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/stats_engine.hpp"
#include "tracker/stats_record.hpp"

using namespace soj;
using namespace soj::tracker;
using SteadyClock = std::chrono::steady_clock;

static double Ms(SteadyClock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}
static size_t Heap() {
  auto m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::stoul(argv[1]) : 1000000;
  bench::SyntheticStats data = bench::MakeSyntheticStats(n);
  std::vector<StatsRecord>& recs = data.records;
  const std::vector<std::string>& countries = data.countries;
  const size_t persons = data.persons, detentions = data.detentions;
  std::mt19937_64 rng(43);
  auto I = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const int first = Date::FromYmd(2015, 4, 2)->days(), last = Date::FromYmd(2026, 11, 29)->days();
  std::vector<std::string> encoded(n), keys(n);
  size_t bytes = 0;
  for (size_t i = 0; i < n; ++i) {
    encoded[i] = EncodeStatsRecord(recs[i]);
    keys[i] = AlertKey(recs[i].id);
    bytes += encoded[i].size();
  }
  std::printf("alerts %zu, victims %zu, detention periods %zu, avg record %.1f bytes\n", n, persons,
              detentions, double(bytes) / n);

  const std::string mode = argc > 2 ? argv[2] : "all";
  // Incremental apply.
  if (mode == "all") {
    size_t heap0 = Heap();
    auto t0 = SteadyClock::now();
    auto e = std::make_unique<StatsEngine>();
    for (size_t i = 0; i < n; ++i) e->ApplyRecord(keys[i], encoded[i]);
    auto t1 = SteadyClock::now();
    std::printf(
        "incremental ApplyRecord of all: %.0f ms (%.2f us/record), heap %.1f MB, estimate %.1f "
        "MB\n",
        Ms(t1 - t0), Ms(t1 - t0) * 1000 / n, (Heap() - heap0) / 1e6, e->MemoryUsage() / 1e6);
  }
  malloc_trim(0);

  // Store + rebuild.
  // A scratch store of its own, removed at the end.
  const std::string db = (std::filesystem::temp_directory_path() / "soj-stats-bench").string();
  std::filesystem::remove_all(db);
  auto store = storage::Store::Open({.path = db, .create_if_missing = true, .sync = false});
  if (!store) {
    std::printf("open failed %s\n", store.error().ToString().c_str());
    return 1;
  }
  for (size_t i = 0; i < n; i += 20000) {
    auto s = (*store)->Write([&](storage::Transaction& txn) {
      for (size_t j = i; j < std::min(n, i + 20000); ++j)
        txn.Put(storage::Family::kStats, keys[j], encoded[j]);
      return storage::Status::Ok();
    });
    if (!s.ok()) {
      std::printf("write failed\n");
      return 1;
    }
  }
  (void)(*store)->Flush();
  StatsEngine engine;
  size_t heap0 = Heap();
  for (int round = 0; round < (mode == "rebuild" ? 6 : 3); ++round) {
    auto t0 = SteadyClock::now();
    auto read = RebuildStatistics(**store, engine);
    auto t1 = SteadyClock::now();
    if (!read) {
      std::printf("rebuild failed %s\n", read.error().message.c_str());
      return 1;
    }
    std::printf("RebuildStatistics: %zu records in %.0f ms\n", *read, Ms(t1 - t0));
  }
  if (mode == "rebuild") return 0;
  malloc_trim(0);
  std::printf("engine heap after rebuild: %.1f MB (estimate %.1f MB), counted %zu\n",
              (Heap() - heap0) / 1e6, engine.MemoryUsage() / 1e6, engine.CountedAlerts());
  {
    // scan alone
    auto t0 = SteadyClock::now();
    size_t c = 0;
    (void)(*store)->Scan(storage::Family::kStats, "", "", storage::Direction::kForward,
                         [&](std::string_view, std::string_view v) {
                           c += v.size();
                           return true;
                         });
    auto t1 = SteadyClock::now();
    size_t ok = 0;
    for (size_t i = 0; i < n; ++i) ok += DecodeStatsRecord(encoded[i]).has_value();
    auto t2 = SteadyClock::now();
    std::printf("  of which: scan alone %.0f ms, decode alone %.0f ms\n", Ms(t1 - t0), Ms(t2 - t1));
  }

  auto bench = [&](const char* name, auto&& fn) {
    std::vector<double> t;
    for (int i = 0; i < 300; ++i) {
      auto a = SteadyClock::now();
      fn(i);
      t.push_back(Ms(SteadyClock::now() - a) * 1000);
    }
    std::sort(t.begin(), t.end());
    std::printf("%-48s median %8.1f us   p90 %8.1f us   max %8.1f us\n", name, t[t.size() / 2],
                t[t.size() * 9 / 10], t.back());
  };
  auto day = [&] { return Date::FromDays(I(first, last)); };
  volatile uint64_t sink = 0;
  bench("CountDetainedOn(D)",
        [&](int) { sink = sink + engine.CountDetainedOn(day(), std::nullopt).total; });
  bench("CountDetainedOn(D, country)",
        [&](int i) { sink = sink + engine.CountDetainedOn(day(), countries[i % 48]).total; });
  bench("DetentionSeries(month, 2015..2026)", [&](int) {
    sink = sink + engine
                      .DetentionSeries(SeriesPeriod::kMonth, *Date::FromYmd(2015, 1, 1),
                                       *Date::FromYmd(2026, 11, 29), std::nullopt)
                      .size();
  });
  bench("DetentionSeries(month, 2015..2026, country)", [&](int i) {
    sink = sink + engine
                      .DetentionSeries(SeriesPeriod::kMonth, *Date::FromYmd(2015, 1, 1),
                                       *Date::FromYmd(2026, 11, 29), countries[i % 48])
                      .size();
  });
  bench("Impunity(D)", [&](int) { sink = sink + engine.Impunity(day(), std::nullopt).total; });
  bench("Impunity(D, country)",
        [&](int i) { sink = sink + engine.Impunity(day(), countries[i % 48]).total; });
  using CD = CountDimension;
  auto counts = [&](const char* name, std::vector<CD> g, AlertFilter f) {
    bench(name, [&](int) { sink = sink + engine.CountAlerts(g, f).size(); });
  };
  counts("CountAlerts() total", {}, {});
  counts("CountAlerts(year)", {CD::kYear}, {});
  counts("CountAlerts(country, category)", {CD::kCountry, CD::kCategory}, {});
  counts("CountAlerts(all six)",
         {CD::kYear, CD::kCountry, CD::kCategory, CD::kLevel, CD::kThreatSource, CD::kStatus}, {});
  counts("CountAlerts(year | country=BY,category)", {CD::kYear},
         {.countries = {"AB"}, .categories = {Category::kDetention}});
  counts("CountAlerts(year | partner=efj)", {CD::kYear}, {.partners = {"efj"}});
  counts("CountAlerts(category | from/to whole years)", {CD::kCategory},
         {.from = Date::FromYmd(2020, 1, 1), .to = Date::FromYmd(2022, 12, 31)});
  counts("CountAlerts(category | from/to cut, 1 year)", {CD::kCategory},
         {.from = Date::FromYmd(2020, 3, 5), .to = Date::FromYmd(2021, 3, 4)});
  counts("CountAlerts(country | from/to cut, 11 years)", {CD::kCountry},
         {.from = Date::FromYmd(2015, 6, 5), .to = Date::FromYmd(2026, 3, 4)});
  counts("CountAlerts(year | partner=efj,ifj) [scan]", {CD::kYear}, {.partners = {"efj", "ifj"}});
  bench("CountAlerts(year | as_of 2020-12-31) [scan]", [&](int) {
    sink = sink +
           engine.CountAlerts(std::vector<CD>{CD::kYear}, {}, Date::FromYmd(2020, 12, 31)).size();
  });
  bench("Replies()",
        [&](int) { sink = sink + engine.Replies(std::nullopt, std::nullopt).rows.size(); });
  bench("Replies(country)",
        [&](int i) { sink = sink + engine.Replies(countries[i % 48], std::nullopt).rows.size(); });
  bench("Replies(year)",
        [&](int i) { sink = sink + engine.Replies(std::nullopt, 2015 + i % 12).rows.size(); });
  bench("Replies(as_of 2020-12-31) [scan]", [&](int) {
    sink =
        sink + engine.Replies(std::nullopt, std::nullopt, Date::FromYmd(2020, 12, 31)).rows.size();
  });

  // Updates: a changed record of a random alert.
  std::vector<double> t;
  for (int i = 0; i < 20000; ++i) {
    size_t k = static_cast<size_t>(I(0, static_cast<int>(n) - 1));
    StatsRecord r = recs[k];
    switch (i % 4) {
      case 0:
        r.country = countries[I(0, 47)];
        break;
      case 1:
        r.first_reply_on = r.incident_date.AddDays(I(1, 100));
        break;
      case 2:
        r.status =
            r.status == AlertStatus::kPublished ? AlertStatus::kDraft : AlertStatus::kPublished;
        break;
      default:
        r.incident_date = r.incident_date.AddDays(400);
        break;
    }
    std::string e = EncodeStatsRecord(r);
    auto a = SteadyClock::now();
    engine.ApplyRecord(keys[k], e);
    t.push_back(Ms(SteadyClock::now() - a) * 1000);
    recs[k] = r;
  }
  std::sort(t.begin(), t.end());
  std::printf("%-48s median %8.1f us   p90 %8.1f us   max %8.1f us\n", "ApplyRecord (update)",
              t[t.size() / 2], t[t.size() * 9 / 10], t.back());
  {
    malloc_trim(0);
    size_t before = Heap();
    auto second = std::make_unique<StatsEngine>();
    (void)RebuildStatistics(**store, *second);
    malloc_trim(0);
    size_t with = Heap();
    second.reset();
    malloc_trim(0);
    std::printf("a second rebuilt engine: +%.1f MB while alive, -%.1f MB freed on destruction\n",
                (with - before) / 1e6, (with - Heap()) / 1e6);
  }
  return 0;
}
