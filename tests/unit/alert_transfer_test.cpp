#include "tracker/alert_transfer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "storage/family.hpp"
#include "tests/tracker_fixture.hpp"
#include "tracker/alert_csv.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_records.hpp"
#include "tracker/integrity_check.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;
using soj::testing::D;
using soj::testing::PlatformTest;
using soj::testing::TempDir;
using soj::testing::TestNow;
using storage::Family;

constexpr std::string_view kWithheldName = "Withheld Zhanna Secretname";
constexpr std::string_view kWithheldOutlet = "Hidden Outlet Weekly";

std::string Problems(const IntegrityReport& report) {
  std::string out;
  for (const std::string& p : report.problems) out += "  " + p + "\n";
  return out;
}

std::string Describe(const ImportReport& report) {
  std::string out = "imported " + std::to_string(report.imported) + "\n";
  for (const ImportLineError& line : report.rejected)
    for (const FieldError& e : line.errors)
      out += "  line " + std::to_string(line.line) + " " + e.field + ": " + e.message + "\n";
  return out;
}

std::vector<std::string> FieldsOf(const ImportLineError& line) {
  std::vector<std::string> out;
  for (const FieldError& e : line.errors) out.push_back(e.field);
  return out;
}

bool Contains(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Every alert document in the store, by id.
std::map<AlertId, Alert> AllAlerts(const storage::Store& store) {
  std::map<AlertId, Alert> out;
  storage::Status s = store.Scan(Family::kAlerts, "", "", storage::Direction::kForward,
                                 [&](std::string_view, std::string_view value) {
                                   auto alert = DecodeAlertDocument(value);
                                   EXPECT_TRUE(alert) << alert.error().message;
                                   if (alert) out.emplace(alert->id, *alert);
                                   return true;
                                 });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

// The editable fields of a valid new alert as one NDJSON line.
std::string NewAlertLine(const std::function<void(json::object&)>& edit = {}) {
  AlertContent c = soj::testing::ValidContent();
  c.partners = {"efj"};
  json::object o = ContentToJson(c);
  if (edit) edit(o);
  return json::serialize(o);
}

std::string DocumentLine(const Alert& alert) {
  return json::serialize(AlertToJson(alert, {.reveal_withheld = true, .internal = true}));
}

class AlertTransferTest : public PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    auto opened = Platform::Open({.data_dir = target_dir_.str(),
                                  .create_if_missing = true,
                                  .sync = false,
                                  .clock = &clock_});
    ASSERT_TRUE(opened) << opened.error().message;
    target_ = std::move(*opened);
  }

  Result<ImportReport> Import(Platform& into, const std::string& text, ImportOptions options = {}) {
    return ImportAlerts(
        into, [text] { return std::make_unique<std::istringstream>(text); }, options);
  }

  std::string Export(const storage::Store& store, ExportOptions options = {},
                     std::size_t* written = nullptr) {
    std::ostringstream out;
    auto count = ExportAlerts(store, out, options);
    EXPECT_TRUE(count) << count.error().message;
    if (written != nullptr) *written = count ? *count : 0;
    return out.str();
  }

  // Alerts in every state, with everything an alert can hold. Returns the ids made.
  std::vector<AlertId> MakeRichStore() {
    std::vector<AlertId> ids;
    const Principal editor = Principal::Editor();

    // Published, withheld victim, translations, reply, update, resolved.
    const Alert rich = SubmitPublished("efj", [](AlertContent& c) {
      c.partners = {"efj", "ifj"};
      Victim hidden;
      hidden.name = std::string(kWithheldName);
      hidden.withheld = true;
      hidden.kind = VictimKind::kPhotographer;
      hidden.gender = Gender::kMale;
      hidden.outlet = std::string(kWithheldOutlet);
      hidden.detentions = {{D("2023-03-14"), D("2023-04-01")}, {D("2023-06-01"), std::nullopt}};
      c.victims.push_back(hidden);
      c.translations["fr"] = {"Journaliste détenu à Minsk", "Texte, avec \"guillemets\"."};
      c.translations["be"] = {std::nullopt, "Тэкст."};
      c.external_ref = "efj-2023-117";
      c.sources = {"https://example.org/report", "https://example.org/second"};
    });
    ids.push_back(rich.id);
    // An editor links the withheld victim to a person (partners cannot).
    json::array victims = ContentToJson(rich.content).at("victims").as_array();
    victims.back().as_object()["person_id"] = "p-17";
    EXPECT_TRUE(alerts().Edit(editor, rich.id, rich.version, json::object{{"victims", victims}}));
    clock_.Advance(3600);
    EXPECT_TRUE(alerts().AddStateReply(Principal::State("BY"), rich.id,
                                       {"An investigation is under way.", D("2026-11-29")}));
    EXPECT_TRUE(alerts().AddUpdate(Principal::Partner("ifj"), rich.id, {"Moved.", std::nullopt}));
    EXPECT_TRUE(alerts().Transition(editor, rich.id,
                                    {AlertStatus::kResolved, "Released.", D("2026-11-20")}));

    // Impunity case about a murder, published.
    const Alert murder = SubmitPublished("cpj", [](AlertContent& c) {
      c.country = "RU";
      c.incident_date = D("2006-10-07");
      c.categories = {Category::kAttack, Category::kImpunity};
      c.threat_source = ThreatSource::kUnknown;
      c.victims[0].detentions.clear();
      c.victims[0].killed_on = D("2006-10-07");
      c.impunity = ImpunityRecord{true, Justice::kPartial, D("2006-10-07")};
    });
    ids.push_back(murder.id);

    // A duplicate merged into the murder case.
    const Alert duplicate = SubmitPublished("rsf", [](AlertContent& c) { c.country = "RU"; });
    ids.push_back(duplicate.id);
    EXPECT_TRUE(alerts().Merge(editor, duplicate.id, murder.id));

    // Draft (with a withheld victim), rejected, withdrawn.
    ids.push_back(Submit("efj", [](AlertContent& c) {
                    c.victims[0].withheld = true;
                    c.victims[0].name = std::string(kWithheldName);
                    c.victims[0].outlet = std::string(kWithheldOutlet);
                  }).id);
    const Alert rejected = Submit("pen");
    ids.push_back(rejected.id);
    EXPECT_TRUE(alerts().Transition(editor, rejected.id,
                                    {AlertStatus::kRejected, "Out of scope.", std::nullopt}));
    const Alert withdrawn = Submit("aej");
    ids.push_back(withdrawn.id);
    EXPECT_TRUE(alerts().Transition(Principal::Partner("aej"), withdrawn.id,
                                    {AlertStatus::kWithdrawn, "", std::nullopt}));

    // Published by an editor directly, with an external_ref of the editor.
    auto by_editor = alerts().Submit(editor, [] {
      AlertContent c = soj::testing::ValidContent();
      c.partners = {"ebu"};
      c.external_ref = "desk-1";
      return c;
    }());
    EXPECT_TRUE(by_editor) << by_editor.error().message;
    if (by_editor) {
      ids.push_back(by_editor->alert.id);
      EXPECT_TRUE(alerts().Transition(editor, by_editor->alert.id,
                                      {AlertStatus::kPublished, "", std::nullopt}));
    }
    return ids;
  }

  TempDir target_dir_;
  std::unique_ptr<Platform> target_;
};

TEST_F(AlertTransferTest, ExportThenImportReproducesEveryDocument) {
  const std::vector<AlertId> ids = MakeRichStore();
  ASSERT_FALSE(HasFailure());
  std::size_t written = 0;
  const std::string ndjson = Export(platform_->store(), {}, &written);
  EXPECT_EQ(written, ids.size());
  EXPECT_EQ(Lines(ndjson).size(), ids.size());

  clock_.Advance(86400);
  auto report = Import(*target_, ndjson);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, ids.size()) << Describe(*report);
  EXPECT_TRUE(report->rejected.empty()) << Describe(*report);

  const std::map<AlertId, Alert> source = AllAlerts(platform_->store());
  const std::map<AlertId, Alert> copy = AllAlerts(target_->store());
  ASSERT_EQ(source.size(), ids.size());
  ASSERT_EQ(copy.size(), source.size());
  for (const auto& [id, alert] : source) {
    SCOPED_TRACE("alert " + std::to_string(id));
    auto it = copy.find(id);
    ASSERT_NE(it, copy.end()) << "id not preserved";
    EXPECT_EQ(EncodeAlertDocument(it->second), EncodeAlertDocument(alert));
    EXPECT_TRUE(it->second == alert);
  }

  const IntegrityReport verify = CheckIntegrity(target_->store());
  EXPECT_TRUE(verify.ok()) << Problems(verify);
  EXPECT_EQ(verify.alerts, ids.size());
  EXPECT_EQ(verify.events, ids.size()) << "one imported event per alert";
}

TEST_F(AlertTransferTest, ImportedStoreServesTheAlertsAndTheirRefs) {
  MakeRichStore();
  ASSERT_FALSE(HasFailure());
  auto report = Import(*target_, Export(platform_->store()));
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_TRUE(report->rejected.empty()) << Describe(*report);

  // Same public page in both stores.
  auto original = alerts().Get(Principal::Public(), 1);
  auto copied = target_->alerts().Get(Principal::Public(), 1);
  ASSERT_TRUE(original && copied);
  EXPECT_EQ(AlertToJson(*copied, {}), AlertToJson(*original, {}));

  // The imported external_ref is known: resubmitting it returns the imported alert.
  AlertContent again = soj::testing::ValidContent();
  again.external_ref = "efj-2023-117";
  auto resubmitted = target_->alerts().Submit(Principal::Partner("efj"), again);
  ASSERT_TRUE(resubmitted) << resubmitted.error().message;
  EXPECT_FALSE(resubmitted->created);
  EXPECT_EQ(resubmitted->alert.id, 1u);

  // A merged alert is still a pointer.
  auto moved = target_->alerts().Get(Principal::Public(), 3);
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().kind, ErrorKind::kMoved);
  EXPECT_EQ(moved.error().moved_to, std::optional<AlertId>(2));
}

TEST_F(AlertTransferTest, NextAlertAfterImportGetsAHigherId) {
  const std::vector<AlertId> ids = MakeRichStore();
  ASSERT_FALSE(HasFailure());
  auto report = Import(*target_, Export(platform_->store()));
  ASSERT_TRUE(report && report->rejected.empty());
  const AlertId highest = *std::max_element(ids.begin(), ids.end());

  auto next = target_->alerts().Submit(Principal::Partner("efj"), soj::testing::ValidContent());
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_GT(next->alert.id, highest);
  EXPECT_TRUE(CheckIntegrity(target_->store()).ok());
}

TEST_F(AlertTransferTest, ExplicitIdsReserveTheRangeBelowThem) {
  Alert doc = SubmitPublished();
  doc.id = 500;
  const std::string text = NewAlertLine() + "\n" + DocumentLine(doc) + "\n";
  auto report = Import(*target_, text);
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->imported, 2u) << Describe(*report);
  const std::map<AlertId, Alert> stored = AllAlerts(target_->store());
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_TRUE(stored.contains(500));
  // The new line comes first in the file but must not take an id the file gives later.
  EXPECT_GT(stored.rbegin()->first, 500u) << "the line without id got id " << stored.begin()->first;

  auto next = target_->alerts().Submit(Principal::Partner("efj"), soj::testing::ValidContent());
  ASSERT_TRUE(next);
  EXPECT_GT(next->alert.id, stored.rbegin()->first);
}

TEST_F(AlertTransferTest, OneBadLineImportsNothingAndNamesLineAndFields) {
  const std::string bad = NewAlertLine([](json::object& o) {
    o["country"] = "XX";
    o["level"] = 3;
    o["victims"].as_array()[0].as_object()["kind"] = "robot";
  });
  const std::string text =
      NewAlertLine() + "\n" + NewAlertLine() + "\n" + bad + "\n" + NewAlertLine() + "\n";
  auto report = Import(*target_, text);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 0u);
  ASSERT_EQ(report->rejected.size(), 1u) << Describe(*report);
  EXPECT_EQ(report->rejected[0].line, 3u);
  const std::vector<std::string> fields = FieldsOf(report->rejected[0]);
  EXPECT_TRUE(Contains(fields, "country")) << Describe(*report);
  EXPECT_TRUE(Contains(fields, "level")) << Describe(*report);
  EXPECT_TRUE(Contains(fields, "victims[0].kind")) << Describe(*report);
  EXPECT_TRUE(AllAlerts(target_->store()).empty());
  EXPECT_TRUE(CheckIntegrity(target_->store()).ok());
}

TEST_F(AlertTransferTest, EveryBadLineIsReported) {
  const std::string text = NewAlertLine() + "\n" + "{not json\n" + NewAlertLine() + "\n" +
                           NewAlertLine([](json::object& o) { o.erase("title"); }) + "\n" +
                           NewAlertLine([](json::object& o) { o["colour"] = "red"; }) + "\n";
  auto report = Import(*target_, text);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 0u);
  ASSERT_EQ(report->rejected.size(), 3u) << Describe(*report);
  EXPECT_EQ(report->rejected[0].line, 2u);
  EXPECT_EQ(report->rejected[1].line, 4u);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[1]), "title")) << Describe(*report);
  EXPECT_EQ(report->rejected[2].line, 5u);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[2]), "colour")) << Describe(*report);
  EXPECT_TRUE(AllAlerts(target_->store()).empty());
}

TEST_F(AlertTransferTest, SkipInvalidImportsTheGoodLines) {
  const std::string bad = NewAlertLine([](json::object& o) { o["incident_date"] = "2099-01-01"; });
  const std::string text = NewAlertLine() + "\n" + bad + "\n" + NewAlertLine() + "\n";
  auto report = Import(*target_, text, {.skip_invalid = true});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 2u) << Describe(*report);
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_EQ(report->rejected[0].line, 2u);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[0]), "incident_date")) << Describe(*report);
  EXPECT_EQ(AllAlerts(target_->store()).size(), 2u);
  const IntegrityReport verify = CheckIntegrity(target_->store());
  EXPECT_TRUE(verify.ok()) << Problems(verify);
}

TEST_F(AlertTransferTest, DuplicateIdInTheFileIsRejected) {
  const Alert doc = SubmitPublished();
  Alert other = doc;
  other.content.title = "A different alert with the same id";
  const std::string text = DocumentLine(doc) + "\n" + DocumentLine(other) + "\n";
  auto report = Import(*target_, text);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 0u);
  ASSERT_EQ(report->rejected.size(), 1u) << Describe(*report);
  EXPECT_EQ(report->rejected[0].line, 2u);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[0]), "id")) << Describe(*report);
  EXPECT_TRUE(AllAlerts(target_->store()).empty());
}

TEST_F(AlertTransferTest, IdAlreadyInTheStoreIsRejected) {
  const Alert a = SubmitPublished();
  const Alert b = Submit("ifj");
  const std::string text = Export(platform_->store());
  auto report = Import(*platform_, text);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 0u);
  ASSERT_EQ(report->rejected.size(), 2u) << Describe(*report);
  EXPECT_EQ(report->rejected[0].line, 1u);
  EXPECT_EQ(report->rejected[1].line, 2u);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[0]), "id")) << Describe(*report);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[1]), "id")) << Describe(*report);
  // The store is as it was.
  const std::map<AlertId, Alert> stored = AllAlerts(platform_->store());
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_TRUE(stored.at(a.id) == a);
  EXPECT_TRUE(stored.at(b.id) == b);
}

TEST_F(AlertTransferTest, DuplicateExternalRefInTheFileIsRejected) {
  auto with_ref = [](json::object& o) { o["external_ref"] = "batch-7"; };
  const std::string text = NewAlertLine(with_ref) + "\n" + NewAlertLine(with_ref) + "\n";
  auto report = Import(*target_, text);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 0u);
  ASSERT_EQ(report->rejected.size(), 1u) << Describe(*report);
  EXPECT_EQ(report->rejected[0].line, 2u);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[0]), "external_ref")) << Describe(*report);
}

TEST_F(AlertTransferTest, ExternalRefAlreadyInTheStoreIsRejected) {
  // Alerts made without an id are the secretariat's: the ref is taken for "editor".
  AlertContent c = soj::testing::ValidContent();
  c.partners = {"efj"};
  c.external_ref = "desk-1";
  ASSERT_TRUE(target_->alerts().Submit(Principal::Editor(), c));
  // And a partner's ref held by an alert under another id.
  AlertContent p = soj::testing::ValidContent();
  p.external_ref = "efj-1";
  auto partner_alert = target_->alerts().Submit(Principal::Partner("efj"), p);
  ASSERT_TRUE(partner_alert);
  Alert doc = partner_alert->alert;
  doc.id = 99;

  const std::string text = NewAlertLine([](json::object& o) { o["external_ref"] = "desk-1"; }) +
                           "\n" + DocumentLine(doc) + "\n";
  auto report = Import(*target_, text);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 0u);
  ASSERT_EQ(report->rejected.size(), 2u) << Describe(*report);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[0]), "external_ref")) << Describe(*report);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[1]), "external_ref")) << Describe(*report);
  EXPECT_FALSE(Contains(FieldsOf(report->rejected[1]), "id")) << Describe(*report);
}

TEST_F(AlertTransferTest, SameExternalRefOfDifferentSubmittersIsAccepted) {
  Alert doc = SubmitPublished("efj", [](AlertContent& c) { c.external_ref = "shared-1"; });
  const std::string text = DocumentLine(doc) + "\n" +
                           NewAlertLine([](json::object& o) { o["external_ref"] = "shared-1"; }) +
                           "\n";
  auto report = Import(*target_, text);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 2u) << Describe(*report);
  EXPECT_TRUE(CheckIntegrity(target_->store()).ok());
}

TEST_F(AlertTransferTest, LinesWithoutIdBecomeDraftsOfTheSecretariat) {
  clock_.Advance(123);
  auto report =
      Import(*target_, NewAlertLine([](json::object& o) { o["external_ref"] = "desk-9"; }) + "\n");
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->imported, 1u) << Describe(*report);
  const std::map<AlertId, Alert> stored = AllAlerts(target_->store());
  ASSERT_EQ(stored.size(), 1u);
  const Alert& a = stored.begin()->second;
  EXPECT_EQ(a.id, 1u);
  EXPECT_EQ(a.status, AlertStatus::kDraft);
  EXPECT_EQ(a.version, 1u);
  EXPECT_EQ(a.submitted_by, "editor");
  EXPECT_EQ(a.submitted_at, clock_.Now());
  EXPECT_EQ(a.updated_at, clock_.Now());
  EXPECT_FALSE(a.published_at.has_value());
  EXPECT_EQ(a.content.title, soj::testing::ValidContent().title);
  EXPECT_EQ(a.content.external_ref, std::optional<std::string>("desk-9"));

  auto history = target_->alerts().History(Principal::Editor(), a.id);
  ASSERT_TRUE(history) << history.error().message;
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].at("kind").as_string(), "imported");

  // Not visible to the public, visible to an editor.
  EXPECT_FALSE(target_->alerts().Get(Principal::Public(), a.id));
  EXPECT_TRUE(target_->alerts().Get(Principal::Editor(), a.id));
  EXPECT_TRUE(CheckIntegrity(target_->store()).ok());
}

TEST_F(AlertTransferTest, NewLinesCannotSetServerFields) {
  auto report = Import(*target_, NewAlertLine([](json::object& o) {
                                   o["status"] = "published";
                                   o["version"] = 9;
                                 }) + "\n");
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 0u);
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[0]), "status")) << Describe(*report);
  EXPECT_TRUE(Contains(FieldsOf(report->rejected[0]), "version")) << Describe(*report);
}

TEST_F(AlertTransferTest, BlankLinesAreIgnoredButCounted) {
  const std::string text = "\n" + NewAlertLine() + "\n   \n\t\r\n" + NewAlertLine() + "\r\n\n" +
                           NewAlertLine([](json::object& o) { o["level"] = 0; }) + "\n\n";
  auto strict = Import(*target_, text);
  ASSERT_TRUE(strict) << strict.error().message;
  ASSERT_EQ(strict->rejected.size(), 1u) << Describe(*strict);
  EXPECT_EQ(strict->rejected[0].line, 7u) << "line numbers count blank lines";

  auto report = Import(*target_, text, {.skip_invalid = true});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 2u) << Describe(*report);
  EXPECT_EQ(AllAlerts(target_->store()).size(), 2u);
}

TEST_F(AlertTransferTest, EmptyFileImportsNothing) {
  auto report = Import(*target_, "\n\n");
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 0u);
  EXPECT_TRUE(report->rejected.empty());
}

TEST_F(AlertTransferTest, SmallBatchesImportEveryLine) {
  std::string text;
  for (int i = 0; i < 7; ++i)
    text +=
        NewAlertLine([i](json::object& o) { o["title"] = "Alert " + std::to_string(i); }) + "\n";
  auto report = Import(*target_, text, {.batch_size = 2});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 7u);
  const std::map<AlertId, Alert> stored = AllAlerts(target_->store());
  ASSERT_EQ(stored.size(), 7u);
  AlertId expected = 1;
  for (const auto& [id, alert] : stored) {
    EXPECT_EQ(id, expected);
    EXPECT_EQ(alert.content.title, "Alert " + std::to_string(expected - 1));
    ++expected;
  }
  EXPECT_TRUE(CheckIntegrity(target_->store()).ok());
}

TEST_F(AlertTransferTest, UnreadableInputIsABadRequest) {
  auto report = ImportAlerts(*target_, [] { return std::unique_ptr<std::istream>(); }, {});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, ErrorKind::kBadRequest);
}

TEST_F(AlertTransferTest, PublicExportHasOnlyPublicAlertsAndNoWithheldNames) {
  MakeRichStore();
  ASSERT_FALSE(HasFailure());
  std::size_t written = 0;
  const std::string ndjson = Export(platform_->store(), {.public_only = true}, &written);
  const std::vector<std::string> lines = Lines(ndjson);
  EXPECT_EQ(lines.size(), written);

  std::vector<AlertId> expected;
  for (const auto& [id, alert] : AllAlerts(platform_->store()))
    if (alert.IsPublic()) expected.push_back(id);
  ASSERT_EQ(expected.size(), 3u) << "resolved, published murder case, editor's published alert";

  std::vector<AlertId> seen;
  for (const std::string& line : lines) {
    json::value v = json::parse(line);
    seen.push_back(v.at("id").to_number<AlertId>());
    const std::string status(v.at("status").as_string());
    EXPECT_TRUE(status == "published" || status == "resolved") << status;
    EXPECT_FALSE(v.as_object().contains("merged_into"));
    EXPECT_FALSE(v.as_object().contains("submitted_by"));
  }
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(ndjson.find(kWithheldName), std::string::npos);
  EXPECT_EQ(ndjson.find(kWithheldOutlet), std::string::npos);
  EXPECT_NE(ndjson.find("\"withheld\":true"), std::string::npos) << "the victim is still listed";

  // The full export does hold them: it is for moving a store.
  const std::string full = Export(platform_->store());
  EXPECT_NE(full.find(kWithheldName), std::string::npos);
}

TEST_F(AlertTransferTest, CsvExportHasAHeaderAndOneRowPerAlert) {
  MakeRichStore();
  ASSERT_FALSE(HasFailure());
  std::size_t written = 0;
  const std::string csv =
      Export(platform_->store(), {.format = ExportFormat::kCsv, .public_only = true}, &written);
  ASSERT_TRUE(csv.starts_with(AlertCsvHeader()));
  EXPECT_EQ(written, 3u);
  EXPECT_EQ(csv.find(kWithheldName), std::string::npos);
  EXPECT_EQ(csv.find(kWithheldOutlet), std::string::npos);
  EXPECT_NE(csv.find("(withheld)|photographer|male|"), std::string::npos) << csv;
}

}  // namespace
}  // namespace soj::tracker
