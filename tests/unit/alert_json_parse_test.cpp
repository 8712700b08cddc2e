// Alert JSON in: the text parser, request bodies (ParseAlertContent) and stored documents.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "tests/unit/alert_json_samples.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/validation.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;
using namespace samples;  // NOLINT: the shared samples read as if they were local

// One wrong value for one field, and the error it must give.
struct FieldCase {
  const char* field;
  const char* json;
  const char* path;
  const char* message;
};

// For each case, sets the field to its value in a copy of `base` and checks that `errors_of`
// reports exactly that error.
void ExpectEachFieldError(std::span<const FieldCase> cases, const json::object& base,
                          const std::function<std::string(const json::object&)>& errors_of) {
  for (const FieldCase& c : cases) {
    json::object changed = base;
    changed[c.field] = json::parse(c.json);
    EXPECT_EQ(errors_of(changed), std::string(c.path) + ": " + c.message)
        << c.field << " = " << c.json;
  }
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
  const FieldCase cases[] = {
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
  ExpectEachFieldError(cases, MinimalBody(),
                       [](const json::object& body) { return ParseContent(body).Errors(); });
}

TEST(AlertJsonParseTest, VictimTypeErrors) {
  const FieldCase cases[] = {
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
  ExpectEachFieldError(cases, MinimalVictim(),
                       [](const json::object& victim) { return ParseWithVictim(victim).Errors(); });
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
  const FieldCase cases[] = {
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
  ExpectEachFieldError(cases, AlertToJson(MinimalAlert(), {true, true}).as_object(),
                       [](const json::object& doc) {
                         FieldErrors errors;
                         ParseAlertDocument(doc, errors);
                         return Describe(errors.items());
                       });
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

}  // namespace
}  // namespace soj::tracker
