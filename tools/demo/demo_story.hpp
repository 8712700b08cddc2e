#pragma once
// The facts of one demo alert, before it is written up: when and where it happened, what kind
// of incident it was, who the victims are and how their detentions end, who reports it.
// Internal to tools/demo.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tools/demo/demo_corpus.hpp"
#include "tools/demo/demo_random.hpp"
#include "tools/demo/demo_scenario.hpp"
#include "tools/demo/demo_text.hpp"
#include "tracker/model.hpp"

namespace soj::tools::demo {

inline tracker::Date Later(Rng& rng, tracker::Date day, int64_t min_days, int64_t max_days) {
  return day.AddDays(static_cast<int32_t>(rng.Uniform(min_days, max_days)));
}

struct CountryChoice {
  std::string_view code;
  std::string_view name;
  tracker::Date since;  // monitored from
  double weight;
};

// What a country's climate makes likely.
struct ClimateTraits {
  std::array<double, 5> categories;  // attack, detention, harassment, impunity, chilling
  double killing;                    // share of attack alerts in which the victim dies
  double long_detention;
  double reply_rate;
};
const ClimateTraits& TraitsOf(Climate climate);

struct Person {
  std::string role;  // English job title; empty for an outlet
  bool female = false;
};

// A detention period as it will turn out; `until` may lie beyond today (still detained).
struct PlannedRelease {
  std::size_t victim;
  std::size_t period;
  tracker::Date until;
};

struct Story {
  const DatasetShape* shape = nullptr;
  std::size_t index = 0;
  tracker::Date incident;
  const CountryChoice* country = nullptr;
  const CountryProfile* profile = nullptr;
  const Subtype* subtype = nullptr;
  std::string city_en, city_fr, city_ru, city_be;
  // Everything as it will eventually be, detention ends included (see AsSubmitted).
  tracker::AlertContent content;
  std::vector<Person> people;            // parallel to content.victims
  std::vector<PlannedRelease> releases;  // every period with an end, past or future
  int years = 0;                         // sentence or maximum penalty, for the texts
  int days = 0;                          // administrative arrest
  Slots slots;                           // filled by WriteUp
};

// The facts of alert `index`: everything but the texts, drawn from `rng`.
Story MakeStory(const DatasetShape& shape, std::size_t index, Rng& rng);

// A registered partner (weighted towards the most active ones) not in `not_in`; empty when
// there is none.
std::string PickPartner(Rng& rng, const DatasetShape& shape,
                        const std::vector<std::string>& not_in);

}  // namespace soj::tools::demo
