// Builds one demo alert: when and where it happened, what kind of incident, who the victims
// are, how it is written up, and what happens to it afterwards. Text comes from the corpus
// (demo_corpus.cpp, demo_phrases.cpp); this file decides which pieces fit together.
//
// Placeholders filled for every alert (FillSlots): date, date_num, date_fr, city, city_fr, city_ru,
// city_be, country, authority, Authority, topic, charge, years, years_ru, years_be, days,
// amount, label, label_fr, label_ru, label_be, since, since_num, since_fr, killed, killed_num,
// killed_fr, killed_year, years_since, attack_year, outlet, of_outlet, Role, role, victims,
// Victims, they, They, them, their, Their, were, has, s, Role_fr, un_role_fr, du_role_fr, e,
// Role_ru, role_ru, role_ru_gen, role_ru_acc, role_ru_dat, Role_be, role_be, role_be_gen,
// role_be_acc, role_be_dat; and per victim in background lines: name, pos, since_year.

#include "tools/demo/demo_scenario.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "tools/demo/demo_corpus.hpp"
#include "tools/demo/demo_random.hpp"
#include "tools/demo/demo_text.hpp"

namespace soj::tools::demo {
namespace {

using tracker::AlertContent;
using tracker::Category;
using tracker::Date;
using tracker::DetentionPeriod;
using tracker::Gender;
using tracker::ThreatSource;
using tracker::Timestamp;
using tracker::Victim;
using tracker::VictimKind;

constexpr int64_t kDay = 86400;
constexpr uint64_t kDuplicateStream = 7;

Timestamp At(Date day, int64_t second_of_day) {
  return Timestamp::FromUnixSeconds(static_cast<int64_t>(day.days()) * kDay + second_of_day);
}
// A random moment of `day` between the two hours (office hours for editors, longer for others).
Timestamp DayTime(Rng& rng, Date day, int from_hour, int to_hour) {
  return At(day, rng.Uniform(int64_t{from_hour} * 3600, int64_t{to_hour} * 3600 - 1));
}
Date Later(Rng& rng, Date day, int64_t min_days, int64_t max_days) {
  return day.AddDays(static_cast<int32_t>(rng.Uniform(min_days, max_days)));
}

// ---- Country and kind of incident -----------------------------------------------------------

struct CountryChoice {
  std::string_view code;
  std::string_view name;
  Date since;
  double weight;
};

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

struct ClimateTraits {
  std::array<double, 5> categories;  // attack, detention, harassment, impunity, chilling
  double killing;                    // share of attack alerts in which the victim dies
  double long_detention;
  double reply_rate;
};

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

// ---- The alert being written ----------------------------------------------------------------

struct Person {
  std::string role;  // English job title
  bool female = false;
};

// A detention period as it will turn out; `until` may lie beyond today (still detained).
struct PlannedRelease {
  std::size_t victim;
  std::size_t period;
  Date until;
};

struct Story {
  const DatasetShape* shape = nullptr;
  std::size_t index = 0;
  Date incident;
  const CountryChoice* country = nullptr;
  const CountryProfile* profile = nullptr;
  const Subtype* subtype = nullptr;
  std::string city_en, city_fr, city_ru, city_be;
  AlertContent content;        // everything as it will eventually be (planned detention ends aside)
  std::vector<Person> people;  // parallel to content.victims (outlets: empty role)
  std::vector<PlannedRelease> releases;  // every period with an end, past or future
  int years = 0;
  int days = 0;
  Slots slots;
};

std::string CountryPhrase(const Story& s) {
  return std::string(s.profile->article) + std::string(s.country->name);
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

void AddVictims(Rng& rng, Story& s) {
  const Subtype& sub = *s.subtype;
  if (sub.target == Target::kNone) return;
  if (sub.target == Target::kOutlet) {
    Victim outlet;
    outlet.kind = VictimKind::kMediaOutlet;
    outlet.gender = Gender::kNotApplicable;
    outlet.name = MakeOutletName(rng, s);
    s.content.victims.push_back(outlet);
    s.people.push_back({});
    const double staff = rng.Real();
    for (int i = 0; i < (staff < 0.2 ? 1 : staff < 0.25 ? 2 : 0); ++i)
      AddPerson(rng, s, outlet.name);
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

// ---- Words ----------------------------------------------------------------------------------

std::string YearsWord(int n, std::string_view one, std::string_view few, std::string_view many) {
  std::string_view word = n % 10 == 1 && n % 100 != 11                                   ? one
                          : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? few
                                                                                         : many;
  return std::to_string(n) + " " + std::string(word);
}

std::string PluralRole(const Story& s, std::size_t count) {
  static constexpr std::string_view kNumbers[] = {"", "one", "two", "three", "four"};
  VictimKind kind = VictimKind::kJournalist;
  bool same = true;
  bool first = true;
  for (const Victim& v : s.content.victims) {
    if (v.kind == VictimKind::kMediaOutlet) continue;
    if (first) kind = v.kind;
    same = same && v.kind == kind;
    first = false;
  }
  std::string_view noun = "journalists";
  if (same && kind == VictimKind::kMediaWorker) noun = "media workers";
  if (same && kind == VictimKind::kBlogger) noun = "bloggers";
  if (same && kind == VictimKind::kPhotographer) noun = "photojournalists";
  return std::string(kNumbers[std::min<std::size_t>(count, 4)]) + " " + std::string(noun);
}

// The English name of a partner with the article it takes in a sentence.
std::string PartnerPhrase(const DatasetShape& shape, const std::string& id) {
  for (const tracker::Partner& p : shape.partners) {
    if (p.id != id) continue;
    for (std::string_view lead : {"European", "International", "Committee", "Association", "Rory"})
      if (p.name.starts_with(lead)) return "the " + p.name;
    return p.name;
  }
  return id;
}

void FillSlots(Rng& rng, Story& s) {
  Slots& slots = s.slots;
  slots.Set("date", LongDate(s.incident));
  slots.Set("date_num", NumericDate(s.incident));
  slots.Set("date_fr", FrenchDate(s.incident));
  slots.Set("city", s.city_en);
  slots.Set("city_fr", s.city_fr);
  slots.Set("city_ru", s.city_ru);
  slots.Set("city_be", s.city_be);
  slots.Set("country", CountryPhrase(s));
  std::string authority(rng.Pick(Authorities(s.country->code)));
  slots.Set("Authority", Capitalised(authority));
  slots.Set("authority", std::move(authority));
  slots.Set("topic", std::string(rng.Pick(Topics())));
  slots.Set("charge", std::string(rng.Pick(Charges(s.country->code))));
  slots.Set("years", std::to_string(s.years));
  slots.Set("years_ru", YearsWord(s.years, "год", "года", "лет"));
  slots.Set("years_be", YearsWord(s.years, "год", "гады", "гадоў"));
  slots.Set("days", std::to_string(s.days));
  static constexpr std::string_view kAmounts[] = {"EUR 50,000", "EUR 100,000", "EUR 250,000",
                                                  "EUR 1 million"};
  slots.Set("amount", std::string(rng.Pick(std::span<const std::string_view>(kAmounts))));
  slots.Set("label", std::string(s.profile->label));
  slots.Set("label_fr", std::string(s.profile->label_fr));
  slots.Set("label_ru", std::string(s.profile->label_ru));
  slots.Set("label_be", std::string(s.profile->label_be));
  slots.Set("attack_year", std::to_string(s.incident.year() - rng.Uniform(1, 6)));

  std::vector<std::size_t> persons;
  const Victim* outlet_victim = nullptr;
  for (std::size_t i = 0; i < s.content.victims.size(); ++i) {
    if (s.content.victims[i].kind == VictimKind::kMediaOutlet) {
      outlet_victim = &s.content.victims[i];
    } else {
      persons.push_back(i);
    }
  }
  const Victim* first = persons.empty() ? nullptr : &s.content.victims[persons.front()];
  if (first && !first->detentions.empty()) {
    const Date since = first->detentions.back().from;
    slots.Set("since", LongDate(since));
    slots.Set("since_num", NumericDate(since));
    slots.Set("since_fr", FrenchDate(since));
  }
  if (first && first->killed_on) {
    const Date killed = *first->killed_on;
    slots.Set("killed", LongDate(killed));
    slots.Set("killed_num", NumericDate(killed));
    slots.Set("killed_fr", FrenchDate(killed));
    slots.Set("killed_year", std::to_string(killed.year()));
    slots.Set("years_since", std::to_string((s.incident.days() - killed.days()) / 365));
  }

  std::string outlet = "an independent outlet";
  if (outlet_victim) {
    outlet = outlet_victim->name;
  } else if (first && !first->withheld && first->outlet) {
    outlet = *first->outlet;
  }
  slots.Set("outlet", outlet);
  const bool single = persons.size() == 1;
  slots.Set("of_outlet", single && !first->withheld && first->outlet && rng.Chance(0.5)
                             ? " of " + *first->outlet
                             : std::string());

  std::string role = single ? s.people[persons.front()].role : PluralRole(s, persons.size());
  slots.Set("Role", Capitalised(role));
  slots.Set("role", role);
  std::vector<std::string> phrases;
  for (std::size_t i : persons) {
    const Victim& v = s.content.victims[i];
    phrases.push_back(v.withheld ? "a " + s.people[i].role + " (name withheld)"
                                 : s.people[i].role + " " + v.name);
  }
  std::string victims = JoinWithAnd(phrases);
  slots.Set("Victims", Capitalised(victims));
  slots.Set("victims", std::move(victims));

  const Gender gender = single ? first->gender : Gender::kUnknown;
  const bool she = gender == Gender::kFemale;
  const bool he = gender == Gender::kMale;
  slots.Set("they", he ? "he" : she ? "she" : "they");
  slots.Set("They", he ? "He" : she ? "She" : "They");
  slots.Set("them", he ? "him" : she ? "her" : "them");
  slots.Set("their", he ? "his" : she ? "her" : "their");
  slots.Set("Their", he ? "His" : she ? "Her" : "Their");
  slots.Set("were", he || she ? "was" : "were");
  slots.Set("has", he || she ? "has" : "have");
  slots.Set("s", he || she ? "s" : "");

  if (first) {
    const RoleForms& f = TranslatedRole(first->kind, first->gender == Gender::kFemale);
    slots.Set("Role_fr", std::string(f.fr_cap));
    slots.Set("un_role_fr", std::string(f.fr_un));
    slots.Set("du_role_fr", std::string(f.fr_du));
    slots.Set("e", first->gender == Gender::kFemale ? "e" : "");
    slots.Set("Role_ru", std::string(f.ru_cap));
    slots.Set("role_ru", std::string(f.ru_nom));
    slots.Set("role_ru_gen", std::string(f.ru_gen));
    slots.Set("role_ru_acc", std::string(f.ru_acc));
    slots.Set("role_ru_dat", std::string(f.ru_dat));
    slots.Set("Role_be", std::string(f.be_cap));
    slots.Set("role_be", std::string(f.be_nom));
    slots.Set("role_be_gen", std::string(f.be_gen));
    slots.Set("role_be_acc", std::string(f.be_acc));
    slots.Set("role_be_dat", std::string(f.be_dat));
  }
}

// ---- Description ----------------------------------------------------------------------------

std::string BackgroundParagraph(Rng& rng, Story& s) {
  std::vector<std::string> sentences;
  std::size_t named = 0;
  std::size_t persons = 0;
  bool withheld = false;
  for (std::size_t i = 0; i < s.content.victims.size(); ++i) {
    const Victim& v = s.content.victims[i];
    Slots& slots = s.slots;
    if (v.kind == VictimKind::kMediaOutlet) {
      slots.Set("since_year", std::to_string(s.incident.year() - rng.Uniform(3, 25)));
      sentences.push_back(Fill(rng.Pick(OutletBackgroundLines()), slots));
      continue;
    }
    ++persons;
    if (v.withheld) {
      withheld = true;
      continue;
    }
    if (!v.outlet || named == 2) continue;
    ++named;
    Slots own = slots;
    own.Set("name", v.name);
    own.Set("outlet", *v.outlet);
    own.Set("pos", v.gender == Gender::kMale     ? "his"
                   : v.gender == Gender::kFemale ? "her"
                                                 : "their");
    own.Set("since_year", std::to_string(s.incident.year() - rng.Uniform(1, 15)));
    own.Set("topic", std::string(rng.Pick(Topics())));
    sentences.push_back(Fill(rng.Pick(BackgroundLines()), own));
  }
  if (withheld)
    sentences.push_back(persons == 1 ? "The partners withhold the victim's name on request, for "
                                       "fear of reprisals."
                                     : "The partners withhold the names of some of the victims "
                                       "on request, for fear of reprisals.");
  std::string out;
  for (const std::string& sentence : sentences) {
    if (!out.empty()) out += ' ';
    out += sentence;
  }
  return out;
}

std::string DetailParagraph(Rng& rng, const Story& s, Date submitted) {
  std::vector<std::string_view> lines;
  auto details = DetailLines(s.subtype->category);
  lines.push_back(rng.Pick(details));
  if (rng.Chance(0.4)) {
    std::string_view second = rng.Pick(details);
    if (second != lines.front()) lines.push_back(second);
  }
  std::string out;
  if (s.subtype->category == Category::kDetention) {
    bool all_out = true;
    Date last;
    for (const PlannedRelease& r : s.releases) {
      const auto& periods = s.content.victims[r.victim].detentions;
      if (r.period + 1 != periods.size()) continue;  // an earlier arrest
      all_out = all_out && r.until <= submitted;
      last = std::max(last, r.until);
    }
    Slots slots = s.slots;
    slots.Set("release", LongDate(last));
    out = Fill(all_out ? "{They} {were} released on {release}." : "{They} remain{s} in custody.",
               slots);
  }
  for (std::string_view line : lines) {
    if (!out.empty()) out += ' ';
    out += Fill(line, s.slots);
  }
  return out;
}

std::string CallParagraph(Rng& rng, const Story& s) {
  std::vector<std::string> names;
  for (const std::string& id : s.content.partners) names.push_back(PartnerPhrase(*s.shape, id));
  Slots slots = s.slots;
  slots.Set("partners", Capitalised(JoinWithAnd(names)));
  slots.Set("noun", std::string(CallNoun(s.subtype->category)));
  slots.Set("demand", Fill(rng.Pick(Demands(s.subtype->category)), s.slots));
  return Fill(
      "{partners} condemned the {noun} and called on the authorities of {country} to "
      "{demand}.",
      slots);
}

std::string Describe(Rng& rng, Story& s, Date submitted) {
  std::vector<std::string> paragraphs{Fill(s.subtype->opener, s.slots)};
  if (rng.Chance(0.7)) {
    std::string background = BackgroundParagraph(rng, s);
    if (!background.empty()) paragraphs.push_back(std::move(background));
  }
  if (rng.Chance(0.6) || s.subtype->category == Category::kDetention)
    paragraphs.push_back(DetailParagraph(rng, s, submitted));
  if (paragraphs.size() < 2 || rng.Chance(0.8)) paragraphs.push_back(CallParagraph(rng, s));
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

void Translate(Rng& rng, Story& s) {
  if (!rng.Chance(0.1)) return;
  std::size_t persons = 0;
  for (const Victim& v : s.content.victims) {
    if (v.kind == VictimKind::kMediaOutlet) continue;
    if (v.withheld) return;  // the translations would have to dodge the secret outlet
    ++persons;
  }
  if (s.subtype->target == Target::kPerson && persons != 1) return;
  std::vector<std::string_view> languages{"fr"};
  if (!s.city_ru.empty()) languages.push_back("ru");
  if (!s.city_be.empty() && s.country->code == "BY") languages.push_back("be");
  std::string_view language = rng.Pick(std::span<const std::string_view>(languages));
  const Subtype& sub = *s.subtype;
  std::string_view title = sub.fr_title, text = sub.fr_text,
                   closing = "Les partenaires de la Plateforme appellent les autorités à réagir.";
  if (language == "ru") {
    title = sub.ru_title, text = sub.ru_text;
    closing = "Партнёры Платформы призывают власти отреагировать.";
  } else if (language == "be") {
    title = sub.be_title, text = sub.be_text;
    closing = "Партнёры Платформы заклікаюць улады адрэагаваць.";
  }
  tracker::Translation translation;
  translation.title = Fill(title, s.slots);
  translation.description = Fill(text, s.slots) + "\n\n" + std::string(closing);
  s.content.translations.emplace(std::string(language), std::move(translation));
}

// ---- Who submits ----------------------------------------------------------------------------

double PartnerWeight(std::string_view id) {
  static constexpr std::pair<std::string_view, double> kWeights[] = {
      {"efj", 20}, {"ifj", 18},  {"rsf", 14},  {"cpj", 12}, {"ipi", 10}, {"article19", 5},
      {"aej", 4},  {"index", 4}, {"ecpmf", 3}, {"pen", 3},  {"jfj", 3},  {"fpu", 2}};
  for (const auto& [partner, weight] : kWeights)
    if (partner == id) return weight;
  return 1;
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

std::vector<std::string> MakeSources(Rng& rng, const Story& s, const std::string& submitter) {
  const double r = rng.Real();
  const int count = r < 0.2 ? 0 : r < 0.6 ? 1 : r < 0.85 ? 2 : 3;
  const std::string year = std::to_string(s.incident.year());
  std::string cc(s.country->code);
  std::transform(cc.begin(), cc.end(), cc.begin(),
                 [](char c) { return static_cast<char>(c + 32); });
  const std::string n = std::to_string(s.index + 1);
  std::vector<std::string> out = {
      "https://example.org/" + submitter + "/" + year + "/" + Slug(s.content.title, 60),
      "https://example.org/news/" + cc + "/" + year + "/" + n,
      "https://example.org/statements/" + cc + "-" + n};
  out.resize(static_cast<std::size_t>(count));
  return out;
}

// ---- What happens afterwards ----------------------------------------------------------------

class Timeline {
 public:
  Timeline(Scenario& scenario, Date today) : scenario_(scenario), end_(At(today, kDay - 1)) {}
  // Adds the action unless it would happen after today; says whether it was added.
  bool Add(Action action) {
    if (action.at > end_) return false;
    scenario_.actions.push_back(std::move(action));
    return true;
  }

 private:
  Scenario& scenario_;
  Timestamp end_;
};

Action Make(Timestamp at, std::size_t slot, ActionKind kind, std::string text = {}) {
  Action a;
  a.at = at;
  a.slot = slot;
  a.kind = kind;
  a.text = std::move(text);
  return a;
}

struct Outcome {
  bool published = false;
  Timestamp published_at;
  Date submit_date;
};

Outcome PlanWorkflow(Rng& rng, Story& s, Timeline& line, Date submit_date, Timestamp submit_at,
                     bool force_publish) {
  const Date today = s.shape->today;
  const bool recent = today.days() - s.incident.days() <= 60;
  const double r = rng.Real();
  const double draft = force_publish ? 0 : recent ? 0.5 : 0.07;
  Outcome out{false, {}, submit_date};
  if (r < draft) return out;
  if (!force_publish && r < draft + 0.05) {
    line.Add(Make(DayTime(rng, Later(rng, submit_date, 1, 10), 9, 18), 0, ActionKind::kReject,
                  std::string(rng.Pick(RejectionReasons()))));
    return out;
  }
  if (!force_publish && r < draft + 0.08) {
    Timestamp at =
        Timestamp::FromUnixSeconds(submit_at.unix_seconds() + rng.Uniform(7200, 5 * kDay));
    line.Add(Make(at, 0, ActionKind::kWithdraw, std::string(rng.Pick(WithdrawalReasons()))));
    return out;
  }
  const Date pub_date = Later(rng, submit_date, 1, 5);
  out.published_at = DayTime(rng, pub_date, 9, 18);
  out.published = line.Add(Make(out.published_at, 0, ActionKind::kPublish));
  return out;
}

// Releases, impunity, replies, follow-ups, resolution: only for alerts that get published.
void PlanAfterPublication(Rng& rng, Story& s, Timeline& line, const Outcome& outcome) {
  const Date pub_date = outcome.published_at.date();
  const Category primary = s.subtype->category;
  Date all_released;  // when the last detained victim is out
  bool someone_stays = false;
  for (const PlannedRelease& r : s.releases) {
    all_released = std::max(all_released, r.until);
    if (r.until <= outcome.submit_date) continue;  // known when submitted
    const Date reported = Later(rng, r.until, 0, 3);
    Action edit = Make(DayTime(rng, reported, 9, 20), 0, ActionKind::kEdit);
    edit.edit = [r](AlertContent& c) { c.victims[r.victim].detentions[r.period].until = r.until; };
    if (!line.Add(std::move(edit))) {
      someone_stays = true;
      continue;
    }
    if (rng.Chance(0.4)) {
      const Victim& v = s.content.victims[r.victim];
      Slots slots;
      slots.Set("who", v.withheld ? "The " + s.people[r.victim].role : v.name);
      slots.Set("release", LongDate(r.until));
      line.Add(Make(DayTime(rng, Later(rng, reported, 0, 2), 18, 23), 0, ActionKind::kUpdate,
                    Fill("{who} was released on {release}.", slots)));
    }
  }

  bool resolvable = !s.subtype->killing;
  if (s.subtype->killing && primary == Category::kAttack) {
    tracker::ImpunityRecord record{true, tracker::Justice::kNone,
                                   Later(rng, s.incident, 180, 1500)};
    Action added = Make(DayTime(rng, record.since, 9, 18), 0, ActionKind::kEdit);
    added.edit = [record](AlertContent& c) {
      if (!c.HasCategory(Category::kImpunity)) c.categories.push_back(Category::kImpunity);
      c.impunity = record;
    };
    Date when = record.since;
    if (line.Add(std::move(added)) && rng.Chance(0.25)) {
      when = Later(rng, when, 300, 1500);
      Action partial = Make(DayTime(rng, when, 9, 18), 0, ActionKind::kEdit);
      partial.edit = [](AlertContent& c) { c.impunity->justice = tracker::Justice::kPartial; };
      if (line.Add(std::move(partial)) && rng.Chance(0.35)) {
        when = Later(rng, when, 200, 1000);
        Action full = Make(DayTime(rng, when, 9, 18), 0, ActionKind::kEdit);
        full.edit = [](AlertContent& c) { c.impunity->justice = tracker::Justice::kFull; };
        if (line.Add(std::move(full))) {
          const Date resolved = Later(rng, when, 5, 60);
          Action resolve = Make(DayTime(rng, resolved, 9, 18), 0, ActionKind::kResolve,
                                std::string(ResolutionReasons(Category::kImpunity).front()));
          resolve.date = resolved;
          line.Add(std::move(resolve));
        }
      }
    }
  }

  if (rng.Chance(TraitsOf(s.profile->climate).reply_rate)) {
    Date first = Later(rng, pub_date, 5, 120);
    auto replies = StateReplies(primary);
    const std::size_t first_text = rng.Next() % replies.size();
    line.Add(Make(DayTime(rng, first, 9, 18), 0, ActionKind::kStateReply,
                  std::string(replies[first_text])));
    if (rng.Chance(0.2))  // a fuller answer later
      line.Add(Make(
          DayTime(rng, Later(rng, first, 10, 200), 9, 18), 0, ActionKind::kStateReply,
          std::string(
              replies[(first_text + 1 + rng.Next() % (replies.size() - 1)) % replies.size()])));
  }
  if (rng.Chance(0.3)) {
    // Distinct follow-ups, in the order the list tells the story.
    auto texts = FollowUps(primary);
    const std::size_t count = static_cast<std::size_t>(rng.Uniform(1, 3));
    std::size_t next = rng.Next() % texts.size();
    Date when = pub_date;
    for (std::size_t n = 0; n < std::min(count, texts.size()); ++n) {
      when = Later(rng, when, 10, 300);
      line.Add(Make(DayTime(rng, when, 8, 22), 0, ActionKind::kUpdate, std::string(texts[next])));
      next = (next + 1) % texts.size();
    }
  }

  if (resolvable && !someone_stays && rng.Chance(0.2)) {
    Date resolved = Later(rng, pub_date, 30, 900);
    if (!s.releases.empty()) resolved = std::max(resolved, Later(rng, all_released, 4, 60));
    Action resolve = Make(DayTime(rng, resolved, 9, 18), 0, ActionKind::kResolve,
                          std::string(rng.Pick(ResolutionReasons(primary))));
    resolve.date = resolved;
    if (line.Add(std::move(resolve)) && rng.Chance(0.1))
      line.Add(Make(DayTime(rng, Later(rng, resolved, 20, 300), 9, 18), 0, ActionKind::kReopen,
                    std::string(rng.Pick(ReopenReasons()))));
  }
}

// The content as the partner knows it on the day of submission: detentions that end later are
// still open.
AlertContent AsSubmitted(const Story& s, Date submit_date) {
  AlertContent c = s.content;
  for (Victim& v : c.victims)
    for (DetentionPeriod& p : v.detentions)
      if (p.until && *p.until > submit_date) p.until.reset();
  return c;
}

std::string IdempotencyKey(const DatasetShape& shape, std::size_t index) {
  return "demo-" + std::to_string(shape.seed) + "-" + std::to_string(shape.total) + "-" +
         shape.today.ToString() + "-" + std::to_string(index);
}

// A second partner reports the same incident; an editor merges it into the first report.
void PlanDuplicate(Scenario& scenario, Timeline& line, const Story& s, const AlertPlan& original,
                   const Outcome& outcome) {
  const std::size_t index = s.index + 1;
  Rng rng(AlertSeed(s.shape->seed, index));
  AlertPlan dup;
  dup.index = index;
  dup.content = original.content;
  dup.submitter = PickPartner(rng, *s.shape, original.content.partners);
  if (dup.submitter.empty()) dup.submitter = original.submitter;
  dup.content.partners = {dup.submitter};
  dup.content.title = Fill(s.subtype->alt_title, s.slots);
  std::string_view first = original.content.description;
  first = first.substr(0, first.find("\n\n"));
  Slots slots = s.slots;
  slots.Set("partner", Capitalised(PartnerPhrase(*s.shape, dup.submitter)));
  dup.content.description =
      std::string(first) + "\n\n" + Fill("Reported to {partner} by colleagues in {city}.", slots);
  dup.content.translations.clear();
  dup.content.sources.resize(std::min<std::size_t>(dup.content.sources.size(), 1));
  if (rng.Chance(0.5)) {
    dup.content.external_ref =
        dup.submitter + "-" + std::to_string(s.incident.year()) + "-" + std::to_string(index + 1);
  } else {
    dup.content.external_ref.reset();
    dup.idempotency_key = IdempotencyKey(*s.shape, index);
  }
  const Date submit_date = std::min(Later(rng, outcome.submit_date, 0, 3), s.shape->today);
  if (!line.Add(Make(DayTime(rng, submit_date, 7, 22), 1, ActionKind::kSubmit))) return;
  scenario.alerts.push_back(std::move(dup));
  if (outcome.published) {
    const Date merged = Later(rng, std::max(submit_date, outcome.published_at.date()), 1, 4);
    line.Add(Make(DayTime(rng, merged, 9, 18), 1, ActionKind::kMerge));
  }
}

}  // namespace

bool IsDuplicate(const DatasetShape& shape, std::size_t index) {
  return index % 2 == 1 && index < shape.total &&
         AlertSeed(shape.seed, index, kDuplicateStream) % 100 == 0;
}

Scenario MakeScenario(const DatasetShape& shape, std::size_t index) {
  Rng rng(AlertSeed(shape.seed, index));
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

  // Who reports it.
  AlertPlan plan;
  plan.index = index;
  plan.submitter = PickPartner(rng, shape, {});
  c.partners = {plan.submitter};
  const double co = rng.Real();
  for (int n = co < 0.08 ? 2 : co < 0.3 ? 1 : 0; n > 0; --n) {
    std::string other = PickPartner(rng, shape, c.partners);
    if (!other.empty()) c.partners.push_back(std::move(other));
  }

  // How it is told.
  const Date submit_date = std::min(Later(rng, s.incident, 0, 10), shape.today);
  const Timestamp submit_at = DayTime(rng, submit_date, 7, 22);
  FillSlots(rng, s);
  c.title = Fill(sub.title, s.slots);
  c.description = Describe(rng, s, submit_date);
  Translate(rng, s);
  c.sources = MakeSources(rng, s, plan.submitter);
  if (rng.Chance(0.7)) {
    c.external_ref =
        plan.submitter + "-" + std::to_string(s.incident.year()) + "-" + std::to_string(index + 1);
  } else {
    plan.idempotency_key = IdempotencyKey(shape, index);
  }
  plan.content = AsSubmitted(s, submit_date);

  // What happens to it.
  Scenario scenario;
  Timeline line(scenario, shape.today);
  line.Add(Make(submit_at, 0, ActionKind::kSubmit));
  const bool has_duplicate = IsDuplicate(shape, index + 1);
  Outcome outcome = PlanWorkflow(rng, s, line, submit_date, submit_at, has_duplicate);
  if (outcome.published) PlanAfterPublication(rng, s, line, outcome);
  scenario.alerts.push_back(std::move(plan));
  if (has_duplicate) PlanDuplicate(scenario, line, s, scenario.alerts.front(), outcome);
  std::stable_sort(scenario.actions.begin(), scenario.actions.end(),
                   [](const Action& a, const Action& b) { return a.at < b.at; });
  return scenario;
}

}  // namespace soj::tools::demo
