#pragma once
// A synthetic statistics dataset for the benchmarks: N alert records over 48 countries, 15
// partners and 2015-2026, with detentions, replies, resolutions and impunity cases in the
// proportions of the demo data. Deterministic (seeded).

#include <random>
#include <string>
#include <vector>

#include "tracker/stats_record.hpp"

namespace soj::bench {

struct SyntheticStats {
  std::vector<tracker::StatsRecord> records;  // ids 1..N
  std::vector<std::string> countries;         // "AA".."BV"
  std::vector<std::string> partners;
  std::size_t persons = 0;
  std::size_t detentions = 0;
};

inline SyntheticStats MakeSyntheticStats(std::size_t n, uint64_t seed = 42) {
  using namespace soj::tracker;
  SyntheticStats out;
  std::mt19937_64 rng(seed);
  auto I = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto P = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  std::vector<std::string>& countries = out.countries;
  std::size_t& detentions = out.detentions;
  std::size_t& persons = out.persons;
  for (int i = 0; i < 48; ++i)
    countries.push_back(std::string{char('A' + i / 26), char('A' + i % 26)});
  out.partners = {"article19", "aej",  "cpj", "ebu", "ecpmf", "efj", "fpu", "index",
                  "ifj",       "insi", "ipi", "jfj", "pen",   "rpt", "rsf"};
  const int first = Date::FromYmd(2015, 4, 2)->days(), last = Date::FromYmd(2026, 11, 29)->days();
  std::vector<StatsRecord>& recs = out.records;
  recs.resize(n);
  for (size_t i = 0; i < n; ++i) {
    StatsRecord& r = recs[i];
    r.id = i + 1;
    int s = I(0, 99);
    r.status = s < 80   ? AlertStatus::kPublished
               : s < 90 ? AlertStatus::kResolved
               : s < 95 ? AlertStatus::kDraft
               : s < 98 ? AlertStatus::kRejected
                        : AlertStatus::kWithdrawn;
    r.merged = P(0.005);
    r.country = countries[std::min(I(0, 47), I(0, 47))];
    r.incident_date = Date::FromDays(I(first, last));
    r.category_mask = 1u << I(0, 4);
    if (P(0.4)) r.category_mask |= 1u << I(0, 4);
    r.level = I(1, 2);
    r.threat_source = static_cast<ThreatSource>(I(0, 2));
    r.partners.push_back(out.partners[I(0, 14)]);
    if (P(0.3)) r.partners.push_back(out.partners[I(0, 14)]);
    if (r.status != AlertStatus::kDraft) r.published_on = r.incident_date.AddDays(I(0, 10));
    if (P(0.5)) r.first_reply_on = r.incident_date.AddDays(I(5, 200));
    if (r.status == AlertStatus::kResolved) r.resolved_on = r.incident_date.AddDays(I(10, 900));
    if (P(0.02))
      r.impunity = ImpunityRecord{P(0.6), static_cast<Justice>(I(0, 2)), r.incident_date};
    for (int v = P(0.6) ? I(1, 3) : 0; v > 0; --v) {
      StatsVictim victim;
      victim.kind = static_cast<VictimKind>(I(0, 5));
      if (P(0.05)) victim.person_id = std::string("p").append(std::to_string(I(0, 20000)));
      if (P(0.4)) {
        Date from = r.incident_date;
        for (int k = P(0.2) ? 2 : 1; k > 0; --k) {
          std::optional<Date> until;
          if (!P(0.2)) until = from.AddDays(I(1, 1500));
          victim.detentions.push_back({from, until});
          ++detentions;
          if (!until) break;
          from = until->AddDays(I(1, 300));
        }
      }
      ++persons;
      r.victims.push_back(std::move(victim));
    }
  }
  return out;
}

}  // namespace soj::bench
