// Writes a demo alert up: title, description paragraphs, translations and source links, from
// the templates of demo_phrases.cpp filled with the facts of the story.
//
// Placeholders filled for every alert (FillSlots): date, date_num, date_fr, city, city_fr,
// city_ru, city_be, country, authority, Authority, topic, charge, years, years_ru, years_be,
// days, amount, label, label_fr, label_ru, label_be, since, since_num, since_fr, killed,
// killed_num, killed_fr, killed_year, years_since, attack_year, outlet, of_outlet, Role, role,
// victims, Victims, they, They, them, their, Their, were, has, s, Role_fr, un_role_fr,
// du_role_fr, e, Role_ru, role_ru, role_ru_gen, role_ru_acc, role_ru_dat, Role_be, role_be,
// role_be_gen, role_be_acc, role_be_dat; and per victim in background lines: name, pos,
// since_year, topic.

#include "tools/demo/demo_writing.hpp"

#include <algorithm>

namespace soj::tools::demo {
namespace {

using tracker::Category;
using tracker::Date;
using tracker::Gender;
using tracker::Victim;
using tracker::VictimKind;

std::string CountryPhrase(const Story& s) {
  return std::string(s.profile->article) + std::string(s.country->name);
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
  // Tried for one alert in seven so that about one in ten ends up translated: only alerts
  // about a single named person, an outlet or a law qualify.
  if (!rng.Chance(0.14)) return;
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

}  // namespace

std::string PartnerPhrase(const DatasetShape& shape, const std::string& id) {
  for (const tracker::Partner& p : shape.partners) {
    if (p.id != id) continue;
    for (std::string_view lead : {"European", "International", "Committee", "Association", "Rory"})
      if (p.name.starts_with(lead)) return "the " + p.name;
    return p.name;
  }
  return id;
}

void WriteUp(Rng& rng, Story& s, Date submitted) {
  FillSlots(rng, s);
  s.content.title = Fill(s.subtype->title, s.slots);
  s.content.description = Describe(rng, s, submitted);
  Translate(rng, s);
  s.content.sources = MakeSources(rng, s, s.content.partners.front());
}

}  // namespace soj::tools::demo
