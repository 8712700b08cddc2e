// CountFeeder: alerts counted on its thread, batch after batch, give the same counts as alerts
// set one by one.

#include "tracker/count_feeder.hpp"

#include <gtest/gtest.h>

#include <random>

namespace soj::tracker {
namespace {

TEST(CountFeederTest, CountsWhatSettingOneByOneCounts) {
  std::mt19937 rng(7);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  AlertCountIndex direct, fed;
  {
    CountFeeder feeder(fed);
    // Several batches and a partial last one; up to 40 partners, past the mask's 32.
    for (AlertId id = 1; id <= 10'000; ++id) {
      std::vector<uint16_t> partners(static_cast<std::size_t>(pick(1, 3)));
      for (uint16_t& p : partners) p = static_cast<uint16_t>(pick(0, 40));
      const Date incident = Date::FromDays(pick(16000, 20000));
      CountedAlert alert{id,
                         incident,
                         static_cast<uint16_t>(pick(0, 9)),
                         static_cast<uint8_t>(pick(1, 31)),
                         pick(1, 2),
                         static_cast<ThreatSource>(pick(0, 2)),
                         pick(0, 1) ? AlertStatus::kPublished : AlertStatus::kResolved,
                         partners,
                         incident.AddDays(pick(0, 10)),
                         std::nullopt};
      direct.Set(alert);
      feeder.Add(alert);
      partners.assign(partners.size(), 999);  // the feeder kept its own copy
    }
    feeder.Finish();
  }
  EXPECT_EQ(fed.size(), direct.size());
  const std::vector<uint16_t> rank = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  const std::vector<CountDimension> all = {CountDimension::kYear,         CountDimension::kCountry,
                                           CountDimension::kCategory,     CountDimension::kLevel,
                                           CountDimension::kThreatSource, CountDimension::kStatus};
  EXPECT_EQ(fed.Count(all, {}, rank), direct.Count(all, {}, rank));
  for (uint16_t partner : {uint16_t{3}, uint16_t{35}}) {
    CountFilter only;
    only.partners = {partner};
    EXPECT_EQ(fed.Count(all, only, rank), direct.Count(all, only, rank)) << partner;
  }
}

}  // namespace
}  // namespace soj::tracker
