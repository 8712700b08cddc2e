// The facts of a demo alert: country weighted like the real platform (Belarus only from March
// 2023), incident kinds by the country's climate, victims with names of the region, detention
// periods that end (or not) as such cases do.

#include "tools/demo/demo_story.hpp"

#include <algorithm>
#include <cmath>

namespace soj::tools::demo {
namespace {

using tracker::AlertContent;
using tracker::Category;
using tracker::Date;
using tracker::Gender;
using tracker::ThreatSource;
using tracker::Victim;
using tracker::VictimKind;

// Countries in scope with the day each one is monitored from, parsed once.
const std::vector<CountryChoice>& CountryChoices() {
  static const std::vector<CountryChoice> choices = [] {
    std::vector<CountryChoice> out;
    for (const tracker::Country& c : tracker::Countries()) {
      Date since = Date::Parse(c.monitored_since).value_or(Date());
      out.push_back({c.code, c.name, since, ProfileFor(c.code).weight});
    }
    return out;
  }();
  return choices;
}

const CountryChoice& PickCountry(Rng& rng, Date incident) {
  static const Date kFullScaleInvasion = *Date::FromYmd(2022, 2, 24);
  const auto& choices = CountryChoices();
  std::vector<double> weights;
  weights.reserve(choices.size());
  for (const CountryChoice& c : choices) {
    double w = c.since <= incident ? c.weight : 0.0;
    if (c.code == "UA" && incident >= kFullScaleInvasion) w *= 2.5;
    weights.push_back(w);
  }
  return choices[rng.Weighted(weights)];
}

const Subtype& PickSubtype(Rng& rng, const CountryProfile& profile, std::string_view country) {
  const ClimateTraits& traits = TraitsOf(profile.climate);
  const auto category = static_cast<Category>(rng.Weighted(traits.categories));
  const bool killing = category == Category::kAttack && rng.Chance(traits.killing);
  std::vector<const Subtype*> fits;
  std::vector<double> weights;
  for (const Subtype& s : Subtypes()) {
    if (s.category != category) continue;
    if (!s.only_country.empty() && s.only_country != country) continue;
    if (category == Category::kAttack && s.killing != killing) continue;
    if (s.title.find("{label}") != std::string_view::npos && profile.label.empty()) continue;
    fits.push_back(&s);
    weights.push_back(s.weight);
  }
  return *fits[rng.Weighted(weights)];
}

ThreatSource PickSource(Rng& rng, SourceHint hint) {
  switch (hint) {
    case SourceHint::kState:
      return rng.Chance(0.92) ? ThreatSource::kState : ThreatSource::kUnknown;
    case SourceHint::kNonState:
      return rng.Chance(0.85) ? ThreatSource::kNonState : ThreatSource::kUnknown;
    case SourceHint::kUnknown:
      return rng.Chance(0.7) ? ThreatSource::kUnknown : ThreatSource::kNonState;
    case SourceHint::kNotState:
      break;
  }
  return rng.Chance(0.55) ? ThreatSource::kNonState : ThreatSource::kUnknown;
}

std::string MakeOutletName(Rng& rng, const Story& s) {
  if (!s.profile->outlets.empty() && rng.Chance(0.6))
    return std::string(rng.Pick(s.profile->outlets));
  const bool short_country = s.country->name.find(' ') == std::string_view::npos;
  for (;;) {
    std::string_view pattern = rng.Pick(OutletPatterns());
    if (!short_country && pattern.find("{country}") != std::string_view::npos) continue;
    Slots slots;
    slots.Set("city", s.city_en);
    slots.Set("country", std::string(s.country->name));
    return Fill(pattern, slots);
  }
}

VictimKind PickPersonKind(Rng& rng) {
  static constexpr double kWeights[] = {65, 10, 0, 10, 10, 5};  // by VictimKind
  return static_cast<VictimKind>(rng.Weighted(kWeights));
}

void AddPerson(Rng& rng, Story& s, std::optional<std::string> outlet) {
  Victim v;
  v.kind = PickPersonKind(rng);
  const double g = rng.Real();
  v.gender = g < 0.46   ? Gender::kFemale
             : g < 0.95 ? Gender::kMale
             : g < 0.99 ? Gender::kUnknown
                        : Gender::kOther;
  const bool female = v.gender == Gender::kFemale || (v.gender != Gender::kMale && rng.Chance(0.5));
  const NameGroup& names = *s.profile->names;
  const Surname& surname = rng.Pick(names.surnames);
  v.name = std::string(rng.Pick(female ? names.female : names.male)) + " " +
           std::string(v.gender == Gender::kFemale ? surname.female : surname.male);
  v.withheld = !s.subtype->killing && rng.Chance(0.08);
  if (outlet) v.outlet = std::move(outlet);
  s.people.push_back({std::string(rng.Pick(EnglishRoles(v.kind))), v.gender == Gender::kFemale});
  s.content.victims.push_back(std::move(v));
}

// How long a detention lasts, in days, when it is long.
int64_t LongDetentionDays(Rng& rng, Climate climate) {
  switch (climate) {
    case Climate::kClosed:
      return rng.Uniform(300, 4400);
    case Climate::kRestrictive:
      return rng.Uniform(150, 2900);
    case Climate::kWar:
      return rng.Uniform(60, 1500);
    default:
      return rng.Uniform(20, 400);
  }
}

void AddDetentions(Rng& rng, Story& s) {
  const Subtype& sub = *s.subtype;
  const ClimateTraits& traits = TraitsOf(s.profile->climate);
  const bool earlier_arrest = sub.long_detention;  // the alert reports a later step of the case
  const Date from =
      earlier_arrest ? s.incident.AddDays(-static_cast<int32_t>(rng.Uniform(20, 400))) : s.incident;
  for (std::size_t v = 0; v < s.content.victims.size(); ++v) {
    Victim& victim = s.content.victims[v];
    if (victim.kind == VictimKind::kMediaOutlet) continue;
    if (rng.Chance(0.12)) {  // arrested before, for a short while
      Date from0 = from.AddDays(-static_cast<int32_t>(rng.Uniform(60, 900)));
      Date until0 = Later(rng, from0, 1, 30);
      victim.detentions.push_back({from0, until0});
      s.releases.push_back({v, 0, until0});
    }
    Date until;
    if (sub.short_detention) {
      until = from.AddDays(s.days);
    } else if (sub.long_detention && s.years > 0) {
      int64_t served = int64_t{s.years} * 365;
      if (rng.Chance(0.15)) served -= rng.Uniform(60, served / 2);  // pardoned or released early
      until = from.AddDays(static_cast<int32_t>(served));
      if (until <= s.incident) until = Later(rng, s.incident, 1, 30);
    } else if (sub.long_detention || rng.Chance(traits.long_detention)) {
      until = from.AddDays(static_cast<int32_t>(LongDetentionDays(rng, s.profile->climate)));
      if (until <= s.incident) until = Later(rng, s.incident, 1, 30);
    } else {
      until = Later(rng, from, 0, 14);
    }
    s.releases.push_back({v, victim.detentions.size(), until});
    victim.detentions.push_back({from, until});
  }
}

// A withheld victim's outlet is as secret as the name (SPEC "Privacy"), so it must not be an
// outlet the alert names in public: a colleague's, or the outlet victim itself.
void KeepWithheldOutletsSecret(Rng& rng, Story& s) {
  auto named_in_public = [&](const std::string& outlet) {
    for (const Victim& v : s.content.victims) {
      if (v.withheld) continue;
      if (v.kind == VictimKind::kMediaOutlet ? v.name == outlet : v.outlet == outlet) return true;
    }
    return false;
  };
  for (Victim& v : s.content.victims) {
    if (!v.withheld || !v.outlet || !named_in_public(*v.outlet)) continue;
    v.outlet = MakeOutletName(rng, s);
    if (named_in_public(*v.outlet)) v.outlet.reset();
  }
}

void AddOutletVictims(Rng& rng, Story& s) {
  Victim outlet;
  outlet.kind = VictimKind::kMediaOutlet;
  outlet.gender = Gender::kNotApplicable;
  outlet.name = MakeOutletName(rng, s);
  s.content.victims.push_back(outlet);
  s.people.push_back({});
  const double staff = rng.Real();
  for (int i = 0; i < (staff < 0.2 ? 1 : staff < 0.25 ? 2 : 0); ++i) AddPerson(rng, s, outlet.name);
  KeepWithheldOutletsSecret(rng, s);
}

void AddVictims(Rng& rng, Story& s) {
  const Subtype& sub = *s.subtype;
  if (sub.target == Target::kNone) return;
  if (sub.target == Target::kOutlet) {
    AddOutletVictims(rng, s);
    return;
  }
  std::size_t count = 1;
  if (!sub.killing) {
    const double r = rng.Real();
    count = r < 0.70 ? 1 : r < 0.87 ? 2 : r < 0.95 ? 3 : 4;
  }
  const bool colleagues = count > 1 && rng.Chance(0.6);
  std::optional<std::string> shared;
  if (colleagues) shared = MakeOutletName(rng, s);
  for (std::size_t i = 0; i < count; ++i) {
    std::optional<std::string> outlet = shared;
    if (!colleagues && rng.Chance(0.8)) outlet = MakeOutletName(rng, s);
    AddPerson(rng, s, std::move(outlet));
  }
  KeepWithheldOutletsSecret(rng, s);
  if (sub.category == Category::kDetention) AddDetentions(rng, s);
  if (sub.killing) {
    Victim& victim = s.content.victims.front();
    victim.killed_on = sub.category == Category::kAttack
                           ? s.incident
                           : s.incident.AddDays(-static_cast<int32_t>(rng.Uniform(800, 15 * 365)));
  }
}

std::vector<Category> PickCategories(Rng& rng, const Subtype& sub) {
  std::vector<Category> out{sub.category};
  auto maybe = [&](Category c, double p) {
    if (rng.Chance(p) && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  switch (sub.category) {
    case Category::kDetention:
      maybe(Category::kHarassment, 0.35);
      break;
    case Category::kAttack:
      maybe(Category::kHarassment, sub.killing ? 0.0 : 0.15);
      break;
    case Category::kHarassment:
      maybe(Category::kChilling, 0.15);
      break;
    case Category::kChilling:
      maybe(Category::kHarassment, 0.2);
      break;
    case Category::kImpunity:
      maybe(Category::kAttack, sub.killing ? 0.0 : 0.2);
      break;
  }
  return out;
}

double PartnerWeight(std::string_view id) {
  static constexpr std::pair<std::string_view, double> kWeights[] = {
      {"efj", 20}, {"ifj", 18},  {"rsf", 14},  {"cpj", 12}, {"ipi", 10}, {"article19", 5},
      {"aej", 4},  {"index", 4}, {"ecpmf", 3}, {"pen", 3},  {"jfj", 3},  {"fpu", 2}};
  for (const auto& [partner, weight] : kWeights)
    if (partner == id) return weight;
  return 1;
}

}  // namespace

const ClimateTraits& TraitsOf(Climate climate) {
  static const ClimateTraits kTraits[] = {
      {{7, 45, 28, 3, 17}, 0.05, 0.85, 0.03},   // closed
      {{12, 35, 30, 8, 15}, 0.04, 0.5, 0.3},    // restrictive
      {{45, 10, 20, 10, 15}, 0.15, 0.35, 0.5},  // war
      {{28, 5, 42, 7, 18}, 0.03, 0.05, 0.55},   // troubled
      {{30, 3, 45, 5, 17}, 0.02, 0.02, 0.65},   // open
  };
  return kTraits[static_cast<std::size_t>(climate)];
}

std::string PickPartner(Rng& rng, const DatasetShape& shape,
                        const std::vector<std::string>& not_in) {
  std::vector<double> weights;
  for (const tracker::Partner& p : shape.partners)
    weights.push_back(
        std::find(not_in.begin(), not_in.end(), p.id) == not_in.end() ? PartnerWeight(p.id) : 0.0);
  double total = 0;
  for (double w : weights) total += w;
  if (total <= 0) return {};
  return shape.partners[rng.Weighted(weights)].id;
}

Story MakeStory(const DatasetShape& shape, std::size_t index, Rng& rng) {
  Story s;
  s.shape = &shape;
  s.index = index;

  // When: denser towards today (the platform receives more alerts every year).
  const int32_t span = shape.today.days() - shape.first_day.days();
  constexpr double kGrowth = 3.0;  // the last day is four times as dense as the first
  const double q = (static_cast<double>(index) + rng.Real()) / static_cast<double>(shape.total);
  const double t = (std::sqrt(1 + 2 * kGrowth * q * (1 + kGrowth / 2)) - 1) / kGrowth;
  int32_t day = shape.first_day.days() + static_cast<int32_t>(t * (span + 1)) +
                static_cast<int32_t>(rng.Uniform(-3, 3));
  s.incident = Date::FromDays(std::clamp(day, shape.first_day.days(), shape.today.days()));

  // Where and what.
  s.country = &PickCountry(rng, s.incident);
  s.profile = &ProfileFor(s.country->code);
  const City& city = rng.Pick(s.profile->cities);
  s.city_en = city.en, s.city_fr = city.fr, s.city_ru = city.ru, s.city_be = city.be;
  s.subtype = &PickSubtype(rng, *s.profile, s.country->code);
  const Subtype& sub = *s.subtype;
  static constexpr int kArrestDays[] = {10, 12, 13, 14, 15, 25, 30};
  s.days = rng.Pick(std::span<const int>(kArrestDays));
  s.years = static_cast<int>(sub.long_detention ? rng.Uniform(2, 12) : rng.Uniform(3, 15));

  AlertContent& c = s.content;
  c.country = std::string(s.country->code);
  c.incident_date = s.incident;
  c.categories = PickCategories(rng, sub);
  c.threat_source = PickSource(rng, sub.source);
  const bool serious = sub.life_threatening || sub.killing || sub.category == Category::kDetention;
  c.level = serious || rng.Chance(0.06) ? 1 : 2;
  AddVictims(rng, s);
  if (sub.category == Category::kImpunity)
    c.impunity = tracker::ImpunityRecord{sub.killing, sub.justice, s.incident};

  // Who reports it: the submitter first, sometimes with co-partners.
  c.partners = {PickPartner(rng, shape, {})};
  const double co = rng.Real();
  for (int n = co < 0.08 ? 2 : co < 0.3 ? 1 : 0; n > 0; --n) {
    std::string other = PickPartner(rng, shape, c.partners);
    if (!other.empty()) c.partners.push_back(std::move(other));
  }
  return s;
}

}  // namespace soj::tools::demo
