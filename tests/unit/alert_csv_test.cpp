// The CSV form of an alert (tracker/alert_csv.hpp): RFC 4180 quoting, formula cells made
// harmless, the header, and withheld names in the public view.

#include "tracker/alert_csv.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/tracker_fixture.hpp"

namespace soj::tracker {
namespace {

using soj::testing::D;
using soj::testing::TestNow;

constexpr std::string_view kWithheldName = "Withheld Zhanna Secretname";
constexpr std::string_view kWithheldOutlet = "Hidden Outlet Weekly";

// Splits RFC 4180 text into records of fields; fails the test on malformed quoting.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      EXPECT_FALSE(field_started) << "quote inside an unquoted field at " << i;
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\r') {
      EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR at " << i;
      record.push_back(std::move(field));
      records.push_back(std::move(record));
      field.clear();
      record.clear();
      field_started = false;
      ++i;
    } else {
      EXPECT_NE(c, '\n') << "bare LF outside quotes at " << i;
      field.push_back(c);
      field_started = true;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quote";
  EXPECT_TRUE(field.empty() && record.empty()) << "last record does not end in CRLF";
  return records;
}

std::string Field(std::string_view value) {
  std::string out;
  AppendCsvField(&out, value);
  return out;
}

TEST(AlertCsvTest, PlainFieldsAreWrittenAsIs) {
  EXPECT_EQ(Field("plain text"), "plain text");
  EXPECT_EQ(Field(""), "");
  EXPECT_EQ(Field("2023-03-14"), "2023-03-14");
  EXPECT_EQ(Field("a=b+c-d@e"), "a=b+c-d@e") << "only a leading sign is a formula";
  EXPECT_EQ(Field("Журналіст"), "Журналіст");
}

TEST(AlertCsvTest, Rfc4180QuotingOfCommasQuotesAndNewlines) {
  EXPECT_EQ(Field("a,b"), "\"a,b\"");
  EXPECT_EQ(Field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Field("\""), "\"\"\"\"");
  EXPECT_EQ(Field("line 1\nline 2"), "\"line 1\nline 2\"");
  EXPECT_EQ(Field("line 1\r\nline 2"), "\"line 1\r\nline 2\"");
}

TEST(AlertCsvTest, FormulaCellsAreNeutralisedInsideQuotes) {
  EXPECT_EQ(Field("=SUM(A1:A9)"), "\"'=SUM(A1:A9)\"");
  EXPECT_EQ(Field("+31 20 123"), "\"'+31 20 123\"");
  EXPECT_EQ(Field("-2+3"), "\"'-2+3\"");
  EXPECT_EQ(Field("@cmd"), "\"'@cmd\"");
  EXPECT_EQ(Field("\tindent"), "\"'\tindent\"");
  EXPECT_EQ(Field("\rreturn"), "\"'\rreturn\"");
  EXPECT_EQ(Field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
}

TEST(AlertCsvTest, HeaderIsOneRowEndingInCrlf) {
  const std::string header = AlertCsvHeader();
  ASSERT_TRUE(header.ends_with("\r\n"));
  const auto records = ParseCsv(header);
  ASSERT_EQ(records.size(), 1u);
  const std::vector<std::string> expected = {"id",
                                             "title",
                                             "country",
                                             "incident_date",
                                             "categories",
                                             "threat_source",
                                             "level",
                                             "status",
                                             "partners",
                                             "victims",
                                             "detained_now",
                                             "killed",
                                             "impunity_justice",
                                             "state_replies",
                                             "updates",
                                             "external_ref",
                                             "submitted_at",
                                             "published_at",
                                             "updated_at",
                                             "resolution_date",
                                             "url"};
  EXPECT_EQ(records[0], expected);
}

Alert CsvAlert() {
  Alert a;
  a.id = 1042;
  a.content = soj::testing::ValidContent();
  a.content.title = "=cmd|' /C calc'!A0, \"quoted\"\nsecond line";
  a.content.partners = {"efj", "ifj"};
  Victim hidden;
  hidden.name = std::string(kWithheldName);
  hidden.withheld = true;
  hidden.kind = VictimKind::kBlogger;
  hidden.gender = Gender::kOther;
  hidden.outlet = std::string(kWithheldOutlet);
  hidden.killed_on = D("2023-03-20");
  a.content.victims.push_back(hidden);
  a.content.external_ref = "-5";
  a.status = AlertStatus::kResolved;
  a.resolution = Resolution{D("2023-06-01"), "Released"};
  a.state_replies = {Note{1, D("2023-04-02"), "Reply", "state:BY"}};
  a.updates = {Note{1, D("2023-05-01"), "One", "partner:efj"},
               Note{2, D("2023-05-02"), "Two", "partner:efj"}};
  a.submitted_at = *Timestamp::Parse("2023-03-15T09:12:00Z");
  a.published_at = *Timestamp::Parse("2023-03-16T14:00:00Z");
  a.updated_at = *Timestamp::Parse("2023-06-01T10:00:00Z");
  a.version = 6;
  a.submitted_by = "partner:efj";
  return a;
}

TEST(AlertCsvTest, RowRoundTripsThroughAnRfc4180Reader) {
  const Alert a = CsvAlert();
  const std::string row = AlertCsvRow(a, {.reveal_withheld = true, .internal = true});
  ASSERT_TRUE(row.ends_with("\r\n"));
  const auto records = ParseCsv(AlertCsvHeader() + row);
  ASSERT_EQ(records.size(), 2u);
  const std::vector<std::string>& header = records[0];
  const std::vector<std::string>& cells = records[1];
  ASSERT_EQ(cells.size(), header.size());
  std::map<std::string, std::string> by;
  for (std::size_t i = 0; i < header.size(); ++i) by[header[i]] = cells[i];

  EXPECT_EQ(by["id"], "1042");
  EXPECT_EQ(by["title"], "'" + a.content.title) << "neutralised, otherwise intact";
  EXPECT_EQ(by["country"], "BY");
  EXPECT_EQ(by["incident_date"], "2023-03-14");
  EXPECT_EQ(by["categories"], "detention;harassment");
  EXPECT_EQ(by["threat_source"], "state");
  EXPECT_EQ(by["level"], "1");
  EXPECT_EQ(by["status"], "resolved");
  EXPECT_EQ(by["partners"], "efj;ifj");
  EXPECT_EQ(by["victims"], "A. N.|journalist|female|Example Media;" + std::string(kWithheldName) +
                               "|blogger|other|" + std::string(kWithheldOutlet));
  EXPECT_EQ(by["detained_now"], "1");
  EXPECT_EQ(by["killed"], "1");
  EXPECT_EQ(by["impunity_justice"], "");
  EXPECT_EQ(by["state_replies"], "1");
  EXPECT_EQ(by["updates"], "2");
  EXPECT_EQ(by["external_ref"], "'-5");
  EXPECT_EQ(by["submitted_at"], "2023-03-15T09:12:00Z");
  EXPECT_EQ(by["published_at"], "2023-03-16T14:00:00Z");
  EXPECT_EQ(by["updated_at"], "2023-06-01T10:00:00Z");
  EXPECT_EQ(by["resolution_date"], "2023-06-01");
  EXPECT_EQ(by["url"], "/alerts/1042");
}

TEST(AlertCsvTest, WithheldNamesShowAsWithheldInThePublicView) {
  const Alert a = CsvAlert();
  const std::string row = AlertCsvRow(a, {});
  EXPECT_EQ(row.find(kWithheldName), std::string::npos) << row;
  EXPECT_EQ(row.find(kWithheldOutlet), std::string::npos) << row;
  const auto records = ParseCsv(AlertCsvHeader() + row);
  ASSERT_EQ(records.size(), 2u);
  ASSERT_EQ(records[1].size(), records[0].size());
  EXPECT_EQ(records[1][9], "A. N.|journalist|female|Example Media;(withheld)|blogger|other|");
}

TEST(AlertCsvTest, EmptyOptionalColumnsAndFormulaVictimNames) {
  Alert a;
  a.id = 7;
  a.content = soj::testing::ValidContent();
  a.content.victims[0].name = "@evil";
  a.content.victims[0].outlet.reset();
  a.content.victims[0].detentions = {{D("2023-03-14"), D("2023-03-20")}};
  a.content.categories = {Category::kImpunity};
  a.content.impunity = ImpunityRecord{true, Justice::kNone, D("2023-03-14")};
  a.submitted_at = TestNow();
  a.updated_at = TestNow();
  const auto records = ParseCsv(AlertCsvHeader() + AlertCsvRow(a, {}));
  ASSERT_EQ(records.size(), 2u);
  const std::vector<std::string>& cells = records[1];
  ASSERT_EQ(cells.size(), 21u);
  EXPECT_EQ(cells[7], "draft");
  EXPECT_EQ(cells[9], "'@evil|journalist|female|");
  EXPECT_EQ(cells[10], "0") << "the only detention has ended";
  EXPECT_EQ(cells[12], "none");
  EXPECT_EQ(cells[15], "") << "no external_ref";
  EXPECT_EQ(cells[17], "") << "never published";
  EXPECT_EQ(cells[19], "") << "not resolved";
}

}  // namespace
}  // namespace soj::tracker
