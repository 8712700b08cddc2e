#include "tracker/alert_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>
#include <string>
#include <vector>

#include "tracker/validation.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;

Date D(std::string_view text) { return Date::Parse(text).value(); }
Timestamp T(std::string_view text) { return Timestamp::Parse(text).value(); }

std::string Describe(const std::vector<FieldError>& errors) {
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

json::object Body() { return json::parse(kCreateBody).as_object(); }

json::object MinimalBody() {
  return json::parse(R"({"title": "T", "description": "D", "country": "FR",
                         "incident_date": "2023-01-01", "categories": ["attack"],
                         "threat_source": "unknown", "level": 2})")
      .as_object();
}

json::object MinimalVictim() {
  return json::parse(R"({"name": "V", "kind": "journalist"})").as_object();
}

struct Parsed {
  AlertContent content;
  std::vector<FieldError> errors;
  std::string Errors() const { return Describe(errors); }
};

Parsed ParseContent(const json::value& value) {
  FieldErrors errors;
  Parsed out;
  out.content = ParseAlertContent(value, errors);
  out.errors = errors.Take();
  return out;
}

Parsed ParseContentText(std::string_view text) { return ParseContent(json::parse(text)); }

// A body with one victim replaced by `victim`.
Parsed ParseWithVictim(const json::object& victim) {
  json::object body = MinimalBody();
  body["victims"] = json::array{victim};
  return ParseContent(body);
}

// An alert with every field set, including the optional ones.
Alert FullAlert() {
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
Alert MinimalAlert() {
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

std::vector<std::string> Keys(const json::object& object) {
  std::vector<std::string> keys;
  for (const auto& member : object) keys.emplace_back(member.key());
  return keys;
}

// ---------------------------------------------------------------- ParseJsonText

TEST(AlertJsonTextTest, ParsesJson) {
  auto value = ParseJsonText(R"( {"a": [1, "x", null, true]} )");
  ASSERT_TRUE(value);
  EXPECT_EQ(value->at("a").as_array().size(), 4u);
}

TEST(AlertJsonTextTest, ReportsReasonAndOffset) {
  auto value = ParseJsonText(R"({"a": 1,})");
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().kind, ErrorKind::kBadRequest);
  EXPECT_EQ(value.error().message.rfind("request body is not valid JSON: ", 0), 0u)
      << value.error().message;
  EXPECT_NE(value.error().message.find("at offset 8"), std::string::npos) << value.error().message;
}

TEST(AlertJsonTextTest, RejectsIncompleteTrailingAndEmptyText) {
  for (std::string_view text : {"", "   ", R"({"a": )", "{} x", "[1] [2]", "{'a': 1}", "[1,]",
                                "{/* comment */}", "// c\n{}", "nul", "[01]"}) {
    auto value = ParseJsonText(text);
    ASSERT_FALSE(value) << text;
    EXPECT_EQ(value.error().kind, ErrorKind::kBadRequest);
  }
  EXPECT_NE(ParseJsonText(R"({"a": )").error().message.find("at offset 6"), std::string::npos);
  EXPECT_NE(ParseJsonText("{} x").error().message.find("at offset 3"), std::string::npos);
}

TEST(AlertJsonTextTest, OffsetOfAnErrorPastTheFirstChunk) {
  std::string text = "[" + std::string(100000, ' ') + "1,,]";
  auto value = ParseJsonText(text);
  ASSERT_FALSE(value);
  EXPECT_NE(value.error().message.find("at offset 100003"), std::string::npos)
      << value.error().message;
}

TEST(AlertJsonTextTest, RejectsInvalidUtf8) {
  EXPECT_FALSE(ParseJsonText("\"\xff\""));
  EXPECT_FALSE(ParseJsonText("\"\xed\xa0\x80\""));  // an encoded surrogate
  EXPECT_TRUE(ParseJsonText("\"\xc3\xa9\""));
}

TEST(AlertJsonTextTest, DepthLimit) {
  auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_TRUE(ParseJsonText(nested(kMaxJsonDepth)));
  auto too_deep = ParseJsonText(nested(kMaxJsonDepth + 1));
  ASSERT_FALSE(too_deep);
  EXPECT_EQ(too_deep.error().kind, ErrorKind::kBadRequest);
  // Far deeper than any stack would survive with a recursive parser.
  EXPECT_FALSE(ParseJsonText(std::string(1'000'000, '[')));
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += R"({"a":)";
  EXPECT_FALSE(ParseJsonText(objects));
}

// ---------------------------------------------------------------- ParseAlertContent

TEST(AlertJsonParseTest, ParsesTheSpecExample) {
  Parsed p = ParseContent(Body());
  ASSERT_EQ(p.Errors(), "");
  const AlertContent& c = p.content;
  EXPECT_EQ(c.title, "Journalist detained after covering protest in Minsk");
  EXPECT_EQ(c.description, "Plain text, paragraphs separated by blank lines.");
  EXPECT_EQ(c.country, "BY");
  EXPECT_EQ(c.incident_date, D("2023-03-14"));
  EXPECT_EQ(c.categories, (std::vector<Category>{Category::kDetention, Category::kHarassment}));
  EXPECT_EQ(c.threat_source, ThreatSource::kState);
  EXPECT_EQ(c.level, 1);
  EXPECT_EQ(c.partners, (std::vector<std::string>{"efj", "ifj"}));
  ASSERT_EQ(c.victims.size(), 1u);
  EXPECT_EQ(c.victims[0].name, "A. N.");
  EXPECT_FALSE(c.victims[0].withheld);
  EXPECT_EQ(c.victims[0].kind, VictimKind::kJournalist);
  EXPECT_EQ(c.victims[0].gender, Gender::kFemale);
  EXPECT_EQ(c.victims[0].outlet, "Example Media");
  EXPECT_EQ(c.victims[0].detentions,
            (std::vector<DetentionPeriod>{{D("2023-03-14"), std::nullopt}}));
  EXPECT_FALSE(c.victims[0].killed_on);
  EXPECT_FALSE(c.impunity);
  EXPECT_EQ(c.sources, (std::vector<std::string>{"https://example.org/report"}));
  ASSERT_EQ(c.translations.size(), 1u);
  EXPECT_EQ(c.translations.at("fr").title, "Titre");
  EXPECT_EQ(c.translations.at("fr").description, "Texte");
  EXPECT_EQ(c.external_ref, "efj-2023-117");
}

TEST(AlertJsonParseTest, OptionalFieldsDefault) {
  Parsed p = ParseContent(MinimalBody());
  ASSERT_EQ(p.Errors(), "");
  EXPECT_TRUE(p.content.partners.empty());
  EXPECT_TRUE(p.content.victims.empty());
  EXPECT_TRUE(p.content.sources.empty());
  EXPECT_TRUE(p.content.translations.empty());
  EXPECT_FALSE(p.content.impunity);
  EXPECT_FALSE(p.content.external_ref);
}

TEST(AlertJsonParseTest, VictimFieldsDefault) {
  Parsed p = ParseWithVictim(MinimalVictim());
  ASSERT_EQ(p.Errors(), "");
  const Victim& v = p.content.victims.at(0);
  EXPECT_EQ(v.name, "V");
  EXPECT_FALSE(v.withheld);
  EXPECT_EQ(v.gender, Gender::kUnknown);
  EXPECT_FALSE(v.outlet);
  EXPECT_TRUE(v.detentions.empty());
  EXPECT_FALSE(v.killed_on);
  EXPECT_FALSE(v.person_id);
}

TEST(AlertJsonParseTest, NullMeansAbsentForOptionalFields) {
  json::object body = MinimalBody();
  body["partners"] = nullptr;
  body["victims"] = json::parse(R"([{"name": "V", "kind": "other", "gender": null,
      "outlet": null, "detentions": [{"from": "2023-01-01", "until": null}],
      "killed_on": null, "person_id": null, "withheld": null}])");
  body["impunity"] = nullptr;
  body["sources"] = nullptr;
  body["translations"] = json::parse(R"({"fr": {"title": null, "description": "x"},
                                          "ru": null})");
  body["external_ref"] = nullptr;
  Parsed p = ParseContent(body);
  ASSERT_EQ(p.Errors(), "");
  const Victim& v = p.content.victims.at(0);
  EXPECT_FALSE(v.outlet);
  EXPECT_FALSE(v.detentions.at(0).until);
  EXPECT_FALSE(v.killed_on);
  EXPECT_FALSE(v.person_id);
  EXPECT_EQ(v.gender, Gender::kUnknown);
  EXPECT_FALSE(p.content.impunity);
  EXPECT_FALSE(p.content.external_ref);
  ASSERT_EQ(p.content.translations.size(), 1u);
  EXPECT_FALSE(p.content.translations.at("fr").title);
}

TEST(AlertJsonParseTest, RequiredFields) {
  Parsed p = ParseContentText("{}");
  EXPECT_EQ(p.Errors(),
            "title: is required\n"
            "description: is required\n"
            "country: is required\n"
            "incident_date: is required\n"
            "categories: is required\n"
            "threat_source: is required\n"
            "level: is required");
  json::object body = MinimalBody();
  body["title"] = nullptr;
  EXPECT_EQ(ParseContent(body).Errors(), "title: is required");
}

TEST(AlertJsonParseTest, BodyMustBeAnObject) {
  for (std::string_view text : {"[]", "\"text\"", "42", "null"}) {
    Parsed p = ParseContentText(text);
    EXPECT_EQ(p.Errors(), ": must be a JSON object") << text;
  }
}

TEST(AlertJsonParseTest, TypeErrors) {
  struct Case {
    const char* field;
    const char* json;
    const char* path;
    const char* message;
  };
  const Case cases[] = {
      {"title", "5", "title", "must be a string"},
      {"description", "[\"x\"]", "description", "must be a string"},
      {"country", "1", "country", "must be a string"},
      {"incident_date", "\"2023-02-29\"", "incident_date", "must be a date YYYY-MM-DD"},
      {"incident_date", "\"14/03/2023\"", "incident_date", "must be a date YYYY-MM-DD"},
      {"incident_date", "20230314", "incident_date", "must be a date YYYY-MM-DD"},
      {"categories", "\"attack\"", "categories", "must be an array"},
      {"categories", "[\"attack\", \"murder\"]", "categories[1]",
       "must be one of attack, detention, harassment, impunity, chilling"},
      {"categories", "[\"attack\", 3]", "categories[1]",
       "must be one of attack, detention, harassment, impunity, chilling"},
      {"threat_source", "\"government\"", "threat_source",
       "must be one of state, non_state, unknown"},
      {"level", "3", "level", "must be 1 or 2"},
      {"level", "\"1\"", "level", "must be 1 or 2"},
      {"level", "1.0", "level", "must be 1 or 2"},
      {"level", "true", "level", "must be 1 or 2"},
      {"partners", "\"efj\"", "partners", "must be an array"},
      {"partners", "[\"efj\", 7]", "partners[1]", "must be a string"},
      {"victims", "{}", "victims", "must be an array"},
      {"victims", "[\"A. N.\"]", "victims[0]", "must be a JSON object"},
      {"impunity", "true", "impunity", "must be an object {murder, justice, since} or null"},
      {"sources", "[\"https://example.org/\", {}]", "sources[1]", "must be a string"},
      {"translations", "[]", "translations",
       "must be an object keyed by language (en, fr, ru, be)"},
      {"translations", "{\"fr\": \"Titre\"}", "translations.fr", "must be a JSON object"},
      {"translations", "{\"fr\": {\"title\": 5}}", "translations.fr.title", "must be a string"},
      {"external_ref", "117", "external_ref", "must be a string"},
  };
  for (const Case& c : cases) {
    json::object body = MinimalBody();
    body[c.field] = json::parse(c.json);
    EXPECT_EQ(ParseContent(body).Errors(), std::string(c.path) + ": " + c.message)
        << c.field << " = " << c.json;
  }
}

TEST(AlertJsonParseTest, VictimTypeErrors) {
  struct Case {
    const char* field;
    const char* json;
    const char* path;
    const char* message;
  };
  const Case cases[] = {
      {"name", "5", "victims[0].name", "must be a string"},
      {"withheld", "\"yes\"", "victims[0].withheld", "must be true or false"},
      {"kind", "\"reporter\"", "victims[0].kind",
       "must be one of journalist, media_worker, media_outlet, blogger, photographer, other"},
      {"gender", "\"f\"", "victims[0].gender", "must be one of female, male, other, unknown, n/a"},
      {"outlet", "false", "victims[0].outlet", "must be a string"},
      {"detentions", "{}", "victims[0].detentions", "must be an array"},
      {"detentions", "[{\"from\": \"2023-01-01\"}, 5]", "victims[0].detentions[1]",
       "must be a JSON object"},
      {"detentions", "[{\"until\": \"2023-01-01\"}]", "victims[0].detentions[0].from",
       "is required"},
      {"detentions", "[{\"from\": \"2023-01-01\", \"until\": \"soon\"}]",
       "victims[0].detentions[0].until", "must be a date YYYY-MM-DD"},
      {"killed_on", "\"2023-13-01\"", "victims[0].killed_on", "must be a date YYYY-MM-DD"},
      {"person_id", "12", "victims[0].person_id", "must be a string"},
  };
  for (const Case& c : cases) {
    json::object victim = MinimalVictim();
    victim[c.field] = json::parse(c.json);
    EXPECT_EQ(ParseWithVictim(victim).Errors(), std::string(c.path) + ": " + c.message)
        << c.field << " = " << c.json;
  }
}

TEST(AlertJsonParseTest, VictimKindIsRequired) {
  json::object victim = MinimalVictim();
  victim.erase("kind");
  EXPECT_EQ(ParseWithVictim(victim).Errors(), "victims[0].kind: is required");
}

TEST(AlertJsonParseTest, VictimNameRequiredUnlessWithheld) {
  json::object victim = MinimalVictim();
  victim.erase("name");
  EXPECT_EQ(ParseWithVictim(victim).Errors(),
            "victims[0].name: is required unless withheld is true");
  victim["withheld"] = true;
  Parsed p = ParseWithVictim(victim);
  EXPECT_EQ(p.Errors(), "");
  EXPECT_EQ(p.content.victims.at(0).name, "");
  victim["name"] = "";
  EXPECT_EQ(ParseWithVictim(victim).Errors(), "");
  victim["withheld"] = false;
  EXPECT_EQ(ParseWithVictim(victim).Errors(), "victims[0].name: must not be empty");
}

TEST(AlertJsonParseTest, ImpunityFields) {
  json::object body = MinimalBody();
  body["impunity"] =
      json::parse(R"({"murder": true, "justice": "partial", "since": "2020-05-01"})");
  Parsed p = ParseContent(body);
  ASSERT_EQ(p.Errors(), "");
  EXPECT_EQ(p.content.impunity, (ImpunityRecord{true, Justice::kPartial, D("2020-05-01")}));

  body["impunity"] = json::parse(R"({"murder": "yes", "justice": "some"})");
  EXPECT_EQ(ParseContent(body).Errors(),
            "impunity.murder: must be true or false\n"
            "impunity.justice: must be one of none, partial, full\n"
            "impunity.since: is required");
}

TEST(AlertJsonParseTest, UnknownFieldsAnywhere) {
  json::object body = Body();
  body["titel"] = "typo";
  body["victims"].as_array()[0].as_object()["nmae"] = "typo";
  body["victims"].as_array()[0].as_object()["detentions"].as_array()[0].as_object()["to"] =
      "2023-04-01";
  body["categories"] = json::array{"impunity"};
  body["impunity"] =
      json::parse(R"({"murder": false, "justice": "none", "since": "2020-01-01", "who": 1})");
  body["translations"].as_object()["fr"].as_object()["summary"] = "x";
  Parsed p = ParseContent(body);
  EXPECT_EQ(p.Errors(),
            "victims[0].detentions[0].to: unknown field\n"
            "victims[0].nmae: unknown field\n"
            "impunity.who: unknown field\n"
            "translations.fr.summary: unknown field\n"
            "titel: unknown field");
}

TEST(AlertJsonParseTest, ServerSetFieldsRejected) {
  const char* fields[] = {"id",      "status",       "resolution",   "state_replies",
                          "updates", "submitted_at", "published_at", "updated_at",
                          "version", "merged_into",  "submitted_by"};
  for (const char* field : fields) {
    json::object body = MinimalBody();
    body[field] = 1;
    EXPECT_EQ(ParseContent(body).Errors(),
              std::string(field) + ": is set by the server and cannot be given");
  }
  json::object body = MinimalBody();
  body["id"] = 5;
  body["version"] = 2;
  body["status"] = "published";
  EXPECT_EQ(ParseContent(body).errors.size(), 3u);
}

TEST(AlertJsonParseTest, CountLimitsOnTheArrayPath) {
  json::object body = MinimalBody();
  json::array victims(kMaxVictims + 1, MinimalVictim());
  body["victims"] = victims;
  EXPECT_EQ(ParseContent(body).Errors(), "victims: must hold at most 200 victims");
  victims.pop_back();
  body["victims"] = victims;
  EXPECT_EQ(ParseContent(body).Errors(), "");

  body = MinimalBody();
  body["sources"] = json::array(kMaxSources + 1, "https://example.org/");
  EXPECT_EQ(ParseContent(body).Errors(), "sources: must hold at most 50 URLs");

  body = MinimalBody();
  body["partners"] = json::array(kMaxPartnersPerAlert + 1, "efj");
  EXPECT_EQ(ParseContent(body).Errors(), "partners: must hold at most 50 partners");

  json::object victim = MinimalVictim();
  victim["detentions"] =
      json::array(kMaxDetentionsPerVictim + 1, json::parse(R"({"from": "2023-01-01"})"));
  EXPECT_EQ(ParseWithVictim(victim).Errors(),
            "victims[0].detentions: must hold at most 100 periods");
}

TEST(AlertJsonParseTest, CleansTextWhileParsing) {
  json::object body = MinimalBody();
  body["title"] = "  Title\u00A0";
  body["description"] = "Line one\r\nLine two\r\n";
  body["victims"] = json::parse(R"([{"name": " A. N. ", "kind": "journalist",
                                     "outlet": "\tOutlet "}])");
  body["external_ref"] = " ref-1 ";
  body["sources"] = json::array{" https://example.org/ "};
  Parsed p = ParseContent(body);
  ASSERT_EQ(p.Errors(), "");
  EXPECT_EQ(p.content.title, "Title");
  EXPECT_EQ(p.content.description, "Line one\nLine two");
  EXPECT_EQ(p.content.victims.at(0).name, "A. N.");
  EXPECT_EQ(p.content.victims.at(0).outlet, "Outlet");
  EXPECT_EQ(p.content.external_ref, "ref-1");
  EXPECT_EQ(p.content.sources.at(0), "https://example.org/");
}

TEST(AlertJsonParseTest, TextRulesWhileParsing) {
  json::object body = MinimalBody();
  body["title"] = std::string(301, 't');
  body["description"] = "   ";
  body["external_ref"] = std::string(101, 'r');
  body["victims"] = json::parse(R"([{"name": "Bad\u0007name", "kind": "journalist"}])");
  body["translations"] = json::parse(R"({"fr": {"title": "", "description": ""}})");
  Parsed p = ParseContent(body);
  EXPECT_EQ(p.Errors(),
            "title: must be at most 300 characters\n"
            "description: must not be empty\n"
            "victims[0].name: contains a control character (U+0007)\n"
            "external_ref: must be at most 100 characters");
}

TEST(AlertJsonParseTest, MessagesNeverQuoteTheValue) {
  const std::string secret = "Zyxwv Secret Name";
  json::object victim = MinimalVictim();
  victim["withheld"] = true;
  victim["name"] = secret + std::string(300, 'x');
  victim["outlet"] = secret + "\x01";
  Parsed p = ParseWithVictim(victim);
  ASSERT_EQ(p.errors.size(), 2u);
  for (const FieldError& e : p.errors) EXPECT_EQ(e.message.find("Zyxwv"), std::string::npos);
}

TEST(AlertJsonParseTest, CollectsEveryError) {
  Parsed p = ParseContentText(R"({
    "title": "",
    "description": "D",
    "country": "FR",
    "incident_date": "2023-02-30",
    "categories": ["attack", "bribery"],
    "threat_source": "state",
    "level": 7,
    "victims": [{"name": "A", "kind": "journalist"},
                {"name": "B", "kind": "journalist",
                 "detentions": [{"from": "2023-01-01", "until": "later"}]}]
  })");
  ASSERT_EQ(p.errors.size(), 5u) << p.Errors();
  EXPECT_EQ(p.errors[0].field, "title");
  EXPECT_EQ(p.errors[1].field, "incident_date");
  EXPECT_EQ(p.errors[2].field, "categories[1]");
  EXPECT_EQ(p.errors[3].field, "level");
  EXPECT_EQ(p.errors[4].field, "victims[1].detentions[0].until");
}

TEST(AlertJsonParseTest, ParseThenValidateReportsEachProblemOnce) {
  json::object body = Body();
  body["categories"] = json::parse(R"(["attack", "attack", "bribery"])");
  body["incident_date"] = "2999-01-01";
  body["victims"].as_array()[0].as_object()["detentions"] =
      json::parse(R"([{"from": "2023-01-01", "until": "2022-01-01"}, {"from": "x"}])");
  FieldErrors errors;
  AlertContent content = ParseAlertContent(body, errors);
  PartnerDirectory partners(SeedPartners());
  ValidateContent(content, {D("2024-01-10"), &partners}, errors);
  EXPECT_EQ(Describe(errors.items()),
            "categories[2]: must be one of attack, detention, harassment, impunity, chilling\n"
            "victims[0].detentions[1].from: must be a date YYYY-MM-DD\n"
            "incident_date: must not be after today (2024-01-10)\n"
            "victims[0].detentions[0].until: is before from");
}

TEST(AlertJsonParseTest, ErrorCollectionIsBounded) {
  json::object body = MinimalBody();
  for (int i = 0; i < 5000; ++i) body["unknown" + std::to_string(i)] = i;
  Parsed p = ParseContent(body);
  EXPECT_LE(p.errors.size(), kMaxFieldErrors);
  EXPECT_FALSE(p.errors.empty());
}

// ---------------------------------------------------------------- ParseAlertDocument

TEST(AlertJsonDocumentTest, ServerFieldsRequired) {
  json::object doc = MinimalBody();
  FieldErrors errors;
  ParseAlertDocument(doc, errors);
  EXPECT_EQ(Describe(errors.items()),
            "id: is required\n"
            "status: is required\n"
            "submitted_at: is required\n"
            "updated_at: is required\n"
            "version: is required");
}

TEST(AlertJsonDocumentTest, ServerFieldTypeErrors) {
  struct Case {
    const char* field;
    const char* json;
    const char* path;
    const char* message;
  };
  const Case cases[] = {
      {"id", "0", "id", "must be a positive integer"},
      {"id", "-4", "id", "must be a positive integer"},
      {"id", "\"1\"", "id", "must be a positive integer"},
      {"version", "0", "version", "must be a positive integer"},
      {"status", "\"open\"", "status",
       "must be one of draft, published, rejected, withdrawn, resolved"},
      {"submitted_at", "\"2023-03-15\"", "submitted_at",
       "must be an RFC 3339 time such as 2023-03-15T09:12:00Z"},
      {"published_at", "5", "published_at",
       "must be an RFC 3339 time such as 2023-03-15T09:12:00Z"},
      {"merged_into", "0", "merged_into", "must be a positive integer"},
      {"submitted_by", "5", "submitted_by", "must be a string"},
      {"resolution", "\"fixed\"", "resolution", "must be a JSON object"},
      {"resolution", "{\"reason\": \"x\"}", "resolution.date", "is required"},
      {"resolution", "{\"date\": \"2023-01-01\", \"by\": \"x\"}", "resolution.by", "unknown field"},
      {"state_replies", "{}", "state_replies", "must be an array"},
      {"state_replies", "[{\"id\": 1, \"date\": \"2023-01-01\", \"posted_by\": \"editor\"}]",
       "state_replies[0].text", "is required"},
      {"updates", "[{\"id\": 0, \"date\": \"2023-01-01\", \"text\": \"t\", \"posted_by\": \"e\"}]",
       "updates[0].id", "must be a positive integer"},
      {"updates",
       "[{\"id\": 1, \"date\": \"2023-01-01\", \"text\": \"t\", \"posted_by\": \"e\", \"x\": 1}]",
       "updates[0].x", "unknown field"},
      {"surprise", "1", "surprise", "unknown field"},
  };
  for (const Case& c : cases) {
    json::object doc = AlertToJson(MinimalAlert(), {true, true}).as_object();
    doc[c.field] = json::parse(c.json);
    FieldErrors errors;
    ParseAlertDocument(doc, errors);
    EXPECT_EQ(Describe(errors.items()), std::string(c.path) + ": " + c.message)
        << c.field << " = " << c.json;
  }
}

TEST(AlertJsonDocumentTest, OptionalServerFieldsMayBeNullOrAbsent) {
  json::object doc = AlertToJson(MinimalAlert(), {true, true}).as_object();
  doc["merged_into"] = nullptr;
  doc["published_at"] = nullptr;
  doc["resolution"] = nullptr;
  doc.erase("submitted_by");
  doc.erase("state_replies");
  doc.erase("updates");
  FieldErrors errors;
  Alert alert = ParseAlertDocument(doc, errors);
  EXPECT_TRUE(errors.empty()) << Describe(errors.items());
  EXPECT_EQ(alert, MinimalAlert());
}

// ---------------------------------------------------------------- AlertToJson

TEST(AlertJsonWriteTest, FieldOrderFollowsTheSpec) {
  json::object out = AlertToJson(FullAlert(), {true, true}).as_object();
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"id",
                                                 "title",
                                                 "description",
                                                 "country",
                                                 "incident_date",
                                                 "categories",
                                                 "threat_source",
                                                 "level",
                                                 "partners",
                                                 "victims",
                                                 "impunity",
                                                 "sources",
                                                 "translations",
                                                 "status",
                                                 "resolution",
                                                 "state_replies",
                                                 "updates",
                                                 "external_ref",
                                                 "submitted_at",
                                                 "published_at",
                                                 "updated_at",
                                                 "version",
                                                 "merged_into",
                                                 "submitted_by"}));
  EXPECT_EQ(Keys(out.at("victims").as_array()[0].as_object()),
            (std::vector<std::string>{"name", "withheld", "kind", "gender", "outlet", "detentions",
                                      "killed_on", "person_id"}));
  EXPECT_EQ(Keys(out.at("state_replies").as_array()[0].as_object()),
            (std::vector<std::string>{"id", "date", "text", "posted_by"}));
}

TEST(AlertJsonWriteTest, OptionalServerFieldsOnlyWhenSet) {
  json::object out = AlertToJson(MinimalAlert(), {}).as_object();
  EXPECT_FALSE(out.contains("external_ref"));
  EXPECT_FALSE(out.contains("merged_into"));
  EXPECT_FALSE(out.contains("submitted_by"));
  EXPECT_TRUE(out.at("published_at").is_null());
  EXPECT_TRUE(out.at("resolution").is_null());
  EXPECT_TRUE(out.at("impunity").is_null());
  EXPECT_EQ(out.at("translations"), json::object());
  EXPECT_EQ(out.at("partners"), json::array());
  EXPECT_EQ(out.at("status"), "draft");
  EXPECT_EQ(out.at("version"), 1);

  json::object internal = AlertToJson(FullAlert(), {.internal = true}).as_object();
  EXPECT_EQ(internal.at("submitted_by"), "partner:efj");
  EXPECT_FALSE(
      AlertToJson(FullAlert(), {.reveal_withheld = true}).as_object().contains("submitted_by"));
}

TEST(AlertJsonWriteTest, MatchesTheSpecExample) {
  Alert a;
  a.id = 1042;
  a.content = ParseContent(Body()).content;
  a.content.translations["fr"] = {"...", "..."};
  a.status = AlertStatus::kPublished;
  a.state_replies = {{1, D("2023-04-02"), "...", "state:BY"}};
  a.updates = {{1, D("2023-05-01"), "...", "partner:efj"}};
  a.submitted_at = T("2023-03-15T09:12:00Z");
  a.published_at = T("2023-03-16T14:00:00Z");
  a.updated_at = T("2023-05-01T10:00:00Z");
  a.version = 4;
  json::value expected = json::parse(R"({
    "id": 1042,
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
    "translations": {"fr": {"title": "...", "description": "..."}},
    "status": "published",
    "resolution": null,
    "state_replies": [{"id": 1, "date": "2023-04-02", "text": "...", "posted_by": "state:BY"}],
    "updates": [{"id": 1, "date": "2023-05-01", "text": "...", "posted_by": "partner:efj"}],
    "external_ref": "efj-2023-117",
    "submitted_at": "2023-03-15T09:12:00Z",
    "published_at": "2023-03-16T14:00:00Z",
    "updated_at": "2023-05-01T10:00:00Z",
    "version": 4
  })");
  EXPECT_EQ(AlertToJson(a, {}), expected) << json::serialize(AlertToJson(a, {}));
}

TEST(AlertJsonWriteTest, VictimShape) {
  json::array victims = AlertToJson(FullAlert(), {true, true}).at("victims").as_array();
  EXPECT_EQ(victims[0].at("detentions"),
            json::parse(R"([{"from": "2021-01-01", "until": "2021-06-01"},
                            {"from": "2023-03-14", "until": null}])"));
  EXPECT_EQ(victims[0].at("person_id"), "person-17");
  EXPECT_EQ(victims[1].at("killed_on"), "2023-03-20");
  EXPECT_TRUE(victims[2].at("outlet").is_null());
  EXPECT_EQ(victims[2].at("gender"), "n/a");
  EXPECT_EQ(victims[2].at("kind"), "media_outlet");
  EXPECT_FALSE(victims[2].as_object().contains("person_id"));
}

TEST(AlertJsonWriteTest, WithheldVictimsRedacted) {
  Alert a = FullAlert();
  json::value out = AlertToJson(a, {});
  const json::object& withheld = out.at("victims").as_array()[1].as_object();
  EXPECT_EQ(Keys(withheld),
            (std::vector<std::string>{"withheld", "kind", "gender", "detentions", "killed_on"}));
  EXPECT_EQ(withheld.at("withheld"), true);
  // Other victims keep their names.
  EXPECT_EQ(out.at("victims").as_array()[0].at("name"), "A. N.");
  std::string text = json::serialize(out);
  EXPECT_EQ(text.find("Zyxwv"), std::string::npos);
  EXPECT_EQ(text.find("Qwvut"), std::string::npos);

  // Internal readers without the right to see withheld names do not see them either.
  std::string internal = json::serialize(AlertToJson(a, {.internal = true}));
  EXPECT_EQ(internal.find("Zyxwv"), std::string::npos);
}

TEST(AlertJsonWriteTest, WithheldVictimsRevealed) {
  json::value out = AlertToJson(FullAlert(), {.reveal_withheld = true});
  const json::object& withheld = out.at("victims").as_array()[1].as_object();
  EXPECT_EQ(withheld.at("name"), "Secret Zyxwv Person");
  EXPECT_EQ(withheld.at("outlet"), "Hidden Qwvut Outlet");
}

TEST(AlertJsonWriteTest, ContentToJson) {
  AlertContent content = FullAlert().content;
  json::object out = ContentToJson(content);
  EXPECT_EQ(Keys(out),
            (std::vector<std::string>{"title", "description", "country", "incident_date",
                                      "categories", "threat_source", "level", "partners", "victims",
                                      "impunity", "sources", "translations", "external_ref"}));
  EXPECT_EQ(out.at("victims").as_array()[1].at("name"), "Secret Zyxwv Person");
  // It is the base of a merge patch: read back, it is the same content.
  Parsed p = ParseContent(out);
  ASSERT_EQ(p.Errors(), "");
  EXPECT_EQ(p.content, content);

  content.external_ref.reset();
  EXPECT_FALSE(ContentToJson(content).contains("external_ref"));
}

// ---------------------------------------------------------------- stored form

TEST(AlertJsonStoreTest, FullAlertRoundTrip) {
  Alert a = FullAlert();
  auto decoded = DecodeAlertDocument(EncodeAlertDocument(a));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, a);
}

TEST(AlertJsonStoreTest, MinimalAlertRoundTrip) {
  Alert a = MinimalAlert();
  auto decoded = DecodeAlertDocument(EncodeAlertDocument(a));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, a);
}

TEST(AlertJsonStoreTest, RoundTripVariants) {
  std::vector<Alert> alerts;
  Alert withheld_without_name = MinimalAlert();
  Victim v;
  v.withheld = true;
  v.kind = VictimKind::kBlogger;
  withheld_without_name.content.victims = {v};
  alerts.push_back(withheld_without_name);

  Alert translations = MinimalAlert();
  translations.content.translations["en"] = {"Only a title", std::nullopt};
  translations.content.translations["fr"] = {std::nullopt, "Seulement une description"};
  translations.content.translations["be"] = {};
  translations.content.translations["ru"] = {"", ""};
  alerts.push_back(translations);

  for (AlertStatus status :
       {AlertStatus::kPublished, AlertStatus::kRejected, AlertStatus::kWithdrawn}) {
    Alert a = FullAlert();
    a.status = status;
    a.resolution.reset();
    a.merged_into.reset();
    a.submitted_by.clear();
    a.content.impunity = ImpunityRecord{false, Justice::kFull, D("1999-12-31")};
    alerts.push_back(a);
  }

  Alert big_numbers = MinimalAlert();
  big_numbers.id = std::numeric_limits<uint64_t>::max();
  big_numbers.version = uint64_t{1} << 40;
  big_numbers.merged_into = uint64_t{1} << 63;
  big_numbers.updates = {{std::numeric_limits<uint32_t>::max(), D("2023-01-01"), "x", "editor"}};
  alerts.push_back(big_numbers);

  for (const Alert& a : alerts) {
    std::string encoded = EncodeAlertDocument(a);
    auto decoded = DecodeAlertDocument(encoded);
    ASSERT_TRUE(decoded) << decoded.error().message << "\n" << encoded;
    EXPECT_EQ(*decoded, a) << encoded;
  }
}

TEST(AlertJsonStoreTest, StoredFormKeepsWithheldNamesAndSubmitter) {
  std::string encoded = EncodeAlertDocument(FullAlert());
  EXPECT_NE(encoded.find("Secret Zyxwv Person"), std::string::npos);
  EXPECT_NE(encoded.find("\"submitted_by\":\"partner:efj\""), std::string::npos);
}

TEST(AlertJsonStoreTest, DamagedDocumentsAreInternalErrors) {
  for (std::string_view text : {"", "not json", "[]", R"({"id": 1})"}) {
    auto decoded = DecodeAlertDocument(text);
    ASSERT_FALSE(decoded) << text;
    EXPECT_EQ(decoded.error().kind, ErrorKind::kInternal) << text;
  }
  json::object doc = AlertToJson(FullAlert(), {true, true}).as_object();
  doc["status"] = "lost";
  auto decoded = DecodeAlertDocument(json::serialize(doc));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().kind, ErrorKind::kInternal);
  EXPECT_NE(decoded.error().message.find("status"), std::string::npos);
}

TEST(AlertJsonStoreTest, DamageReportDoesNotQuoteWithheldNames) {
  json::object doc = AlertToJson(FullAlert(), {true, true}).as_object();
  doc["victims"].as_array()[1].as_object()["name"] = "Secret Zyxwv Person\x01";
  auto decoded = DecodeAlertDocument(json::serialize(doc));
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message.find("Zyxwv"), std::string::npos);
}

TEST(AlertJsonStoreTest, PublicExportReadsBackWithoutSecrets) {
  // An export for the public, imported elsewhere: the same alert minus what it never showed.
  Alert a = FullAlert();
  FieldErrors errors;
  Alert imported = ParseAlertDocument(AlertToJson(a, {}), errors);
  ASSERT_TRUE(errors.empty()) << Describe(errors.items());
  Alert expected = a;
  expected.submitted_by.clear();
  expected.content.victims[1].name.clear();
  expected.content.victims[1].outlet.reset();
  EXPECT_EQ(imported, expected);
}

}  // namespace
}  // namespace soj::tracker
