// Alert JSON out: AlertToJson and the stored form, read back.

#include "tracker/alert_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>
#include <string>
#include <vector>

#include "tests/unit/alert_json_samples.hpp"
#include "tracker/validation.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;
using namespace samples;  // NOLINT: the shared samples read as if they were local

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
