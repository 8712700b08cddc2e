#pragma once
// Sample alerts and bodies shared by the alert JSON tests (alert_json_parse_test.cpp,
// alert_json_test.cpp).

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/alert_json.hpp"
#include "tracker/validation.hpp"

namespace soj::tracker::samples {

namespace json = boost::json;

inline Date D(std::string_view text) { return Date::Parse(text).value(); }
inline Timestamp T(std::string_view text) { return Timestamp::Parse(text).value(); }

inline std::string Describe(const std::vector<FieldError>& errors) {
  std::string out;
  for (const FieldError& e : errors) {
    if (!out.empty()) out += "\n";
    out += e.field + ": " + e.message;
  }
  return out;
}

// The body of a create request as the SPEC shows it.
constexpr std::string_view kCreateBody = R"({
  "title": "Journalist detained after covering protest in Minsk",
  "description": "Plain text, paragraphs separated by blank lines.",
  "country": "BY",
  "incident_date": "2023-03-14",
  "categories": ["detention", "harassment"],
  "threat_source": "state",
  "level": 1,
  "partners": ["efj", "ifj"],
  "victims": [
    {"name": "A. N.", "withheld": false, "kind": "journalist", "gender": "female",
     "outlet": "Example Media",
     "detentions": [{"from": "2023-03-14", "until": null}],
     "killed_on": null}
  ],
  "impunity": null,
  "sources": ["https://example.org/report"],
  "translations": {"fr": {"title": "Titre", "description": "Texte"}},
  "external_ref": "efj-2023-117"
})";

inline json::object Body() { return json::parse(kCreateBody).as_object(); }

inline json::object MinimalBody() {
  return json::parse(R"({"title": "T", "description": "D", "country": "FR",
                         "incident_date": "2023-01-01", "categories": ["attack"],
                         "threat_source": "unknown", "level": 2})")
      .as_object();
}

inline json::object MinimalVictim() {
  return json::parse(R"({"name": "V", "kind": "journalist"})").as_object();
}

struct Parsed {
  AlertContent content;
  std::vector<FieldError> errors;
  std::string Errors() const { return Describe(errors); }
};

inline Parsed ParseContent(const json::value& value) {
  FieldErrors errors;
  Parsed out;
  out.content = ParseAlertContent(value, errors);
  out.errors = errors.Take();
  return out;
}

inline Parsed ParseContentText(std::string_view text) { return ParseContent(json::parse(text)); }

// A body with one victim replaced by `victim`.
inline Parsed ParseWithVictim(const json::object& victim) {
  json::object body = MinimalBody();
  body["victims"] = json::array{victim};
  return ParseContent(body);
}

// An alert with every field set, including the optional ones.
inline Alert FullAlert() {
  Alert a;
  a.id = 1042;
  AlertContent& c = a.content;
  c.title = "Journalist detained after covering protest in Minsk";
  c.description = "First paragraph.\n\nSecond paragraph with \"quotes\", tabs\tand ünïcödé ✓.";
  c.country = "BY";
  c.incident_date = D("2023-03-14");
  c.categories = {Category::kDetention, Category::kHarassment, Category::kImpunity};
  c.threat_source = ThreatSource::kState;
  c.level = 1;
  c.partners = {"efj", "ifj"};
  Victim named;
  named.name = "A. N.";
  named.kind = VictimKind::kJournalist;
  named.gender = Gender::kFemale;
  named.outlet = "Example Media";
  named.detentions = {{D("2021-01-01"), D("2021-06-01")}, {D("2023-03-14"), std::nullopt}};
  named.person_id = "person-17";
  Victim withheld;
  withheld.name = "Secret Zyxwv Person";
  withheld.withheld = true;
  withheld.kind = VictimKind::kMediaWorker;
  withheld.gender = Gender::kMale;
  withheld.outlet = "Hidden Qwvut Outlet";
  withheld.killed_on = D("2023-03-20");
  Victim outlet;
  outlet.name = "Radio Example";
  outlet.kind = VictimKind::kMediaOutlet;
  outlet.gender = Gender::kNotApplicable;
  c.victims = {named, withheld, outlet};
  c.impunity = ImpunityRecord{true, Justice::kPartial, D("2023-03-20")};
  c.sources = {"https://example.org/report", "http://example.com/a?b=c&d=e"};
  c.translations["fr"] = {"Journaliste détenu", "Texte en français."};
  c.translations["ru"] = {"Журналист задержан", std::nullopt};
  c.translations["be"] = {std::nullopt, "Тэкст."};
  c.external_ref = "efj-2023-117";
  a.status = AlertStatus::kResolved;
  a.resolution = Resolution{D("2023-06-01"), "Released and charges dropped."};
  a.state_replies = {{1, D("2023-04-02"), "The state replies.", "state:BY"}};
  a.updates = {{1, D("2023-05-01"), "Follow-up one.", "partner:efj"},
               {2, D("2023-05-02"), "Follow-up two.", "editor"}};
  a.submitted_at = T("2023-03-15T09:12:00Z");
  a.published_at = T("2023-03-16T14:00:00Z");
  a.updated_at = T("2023-06-01T10:00:00Z");
  a.version = 7;
  a.submitted_by = "partner:efj";
  a.merged_into = 2001;
  return a;
}

// An alert with every optional field absent.
inline Alert MinimalAlert() {
  Alert a;
  a.id = 1;
  a.content.title = "T";
  a.content.description = "D";
  a.content.country = "FR";
  a.content.incident_date = D("2023-01-01");
  a.content.categories = {Category::kAttack};
  a.submitted_at = T("2023-01-02T00:00:00Z");
  a.updated_at = T("2023-01-02T00:00:00Z");
  return a;
}

inline std::vector<std::string> Keys(const json::object& object) {
  std::vector<std::string> keys;
  for (const auto& member : object) keys.emplace_back(member.key());
  return keys;
}

}  // namespace soj::tracker::samples
