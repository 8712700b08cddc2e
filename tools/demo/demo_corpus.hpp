#pragma once
// The demo dataset's raw material: per-country profiles (how often alerts concern the country,
// what kind of alerts, names, cities, outlets) and the English, French, Russian and Belarusian
// phrase templates alerts are written from. Fixed data only; demo_scenario.cpp combines it.
//
// Templates use {placeholders} filled by demo_scenario.cpp; the set used by each language is
// documented in demo_scenario.cpp next to where the values are made.

#include <span>
#include <string_view>

#include "tracker/model.hpp"

namespace soj::tools::demo {

// What the press-freedom situation of a country makes likely: category mix, how long
// detentions last, how often the state replies, how often attacks kill.
enum class Climate { kClosed, kRestrictive, kWar, kTroubled, kOpen };

struct Surname {
  std::string_view male;
  std::string_view female;  // the same as male where surnames do not change with gender
};

struct NameGroup {
  std::span<const std::string_view> male;
  std::span<const std::string_view> female;
  std::span<const Surname> surnames;
};

// A city as each language writes it. ru and be are locative phrases with their preposition
// ("в Минске", "у Мінску"), empty where no translation in that language is generated.
struct City {
  std::string_view en;
  std::string_view fr;
  std::string_view ru;
  std::string_view be;
};

struct CountryProfile {
  std::string_view code;
  double weight;  // relative share of alerts
  Climate climate;
  const NameGroup* names;
  std::span<const City> cities;
  std::span<const std::string_view> outlets;  // fictional outlets; may be empty
  std::string_view article;                   // "the " for "the United Kingdom"
  std::string_view label;  // what the state calls outlets it bans: "\"foreign agent\""
  std::string_view label_fr;
  std::string_view label_ru;  // instrumental case: "«иностранным агентом»"
  std::string_view label_be;
};

// The profile of every country in tracker::Countries(); a plain default for any other code.
const CountryProfile& ProfileFor(std::string_view code);

// Generic outlet name patterns: {city} and {country} are substituted.
std::span<const std::string_view> OutletPatterns();

// Reporting topics ("corruption in public procurement"), for any country.
std::span<const std::string_view> Topics();
// Criminal charges typical for the climate ("participation in an extremist formation").
std::span<const std::string_view> Charges(std::string_view country_code);
// Who carries out arrests and searches ("officers of the Federal Security Service (FSB)").
std::span<const std::string_view> Authorities(std::string_view country_code);

enum class Target { kPerson, kOutlet, kNone };
enum class SourceHint { kState, kNonState, kUnknown, kNotState };

// One kind of incident and how it is told in each language.
struct Subtype {
  tracker::Category category;
  Target target;
  SourceHint source;
  bool life_threatening;          // level 1
  bool killing;                   // attack: the victim dies; impunity: the case is a murder
  bool long_detention;            // the story needs a long, mostly ongoing detention
  bool short_detention;           // administrative arrest: released within weeks
  tracker::Justice justice;       // impunity alerts: how far justice has gone
  std::string_view only_country;  // empty: any
  double weight;
  std::string_view title;
  std::string_view alt_title;  // a second wording, used by duplicate reports
  std::string_view opener;     // first paragraph of the description
  std::string_view fr_title, fr_text;
  std::string_view ru_title, ru_text;
  std::string_view be_title, be_text;
};

std::span<const Subtype> Subtypes();

// English job titles by victim kind (a media_outlet has none).
std::span<const std::string_view> EnglishRoles(tracker::VictimKind kind);

// A victim's role in the grammatical forms the translated templates need.
struct RoleForms {
  std::string_view fr_cap, fr_un, fr_du;  // "Journaliste", "un journaliste", "du journaliste"
  std::string_view ru_cap, ru_nom, ru_gen, ru_acc, ru_dat;
  std::string_view be_cap, be_nom, be_gen, be_acc, be_dat;
};
const RoleForms& TranslatedRole(tracker::VictimKind kind, bool female);

// Sentences of the later paragraphs, by category ({they}, {Their}, ... substituted).
std::span<const std::string_view> BackgroundLines();        // about a named person victim
std::span<const std::string_view> OutletBackgroundLines();  // about an outlet victim
std::span<const std::string_view> DetailLines(tracker::Category category);
std::string_view CallNoun(tracker::Category category);
std::span<const std::string_view> Demands(tracker::Category category);

// Notes and reasons, by category where it matters.
std::span<const std::string_view> StateReplies(tracker::Category category);
std::span<const std::string_view> FollowUps(tracker::Category category);
std::span<const std::string_view> ResolutionReasons(tracker::Category category);
std::span<const std::string_view> ReopenReasons();
std::span<const std::string_view> RejectionReasons();
std::span<const std::string_view> WithdrawalReasons();

}  // namespace soj::tools::demo
