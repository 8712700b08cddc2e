#include "tracker/alert_export.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "tests/tracker_fixture.hpp"
#include "tracker/alert_csv.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;
using soj::testing::PlatformTest;

class AlertExporterTest : public PlatformTest {
 protected:
  // Every piece of an export, and the number of pieces.
  std::string Run(ExportSpec spec, std::size_t* pieces = nullptr) {
    AlertExporter exporter(platform_->store(), std::move(spec));
    std::string all;
    std::size_t count = 0;
    for (bool more = true; more; ++count) {
      std::string piece;
      auto next = exporter.Next(piece);
      EXPECT_TRUE(next) << (next ? "" : next.error().message);
      if (!next) break;
      more = *next;
      EXPECT_LE(piece.size(), kExportPieceBytes + 8192) << "a piece holds one alert too many";
      all += piece;
    }
    if (pieces != nullptr) *pieces = count;
    return all;
  }

  static std::vector<AlertId> Ids(const std::string& ndjson) {
    std::vector<AlertId> ids;
    for (std::size_t at = 0; at < ndjson.size();) {
      std::size_t end = ndjson.find('\n', at);
      ids.push_back(json::parse(ndjson.substr(at, end - at)).at("id").to_number<AlertId>());
      at = end + 1;
    }
    return ids;
  }
};

TEST_F(AlertExporterTest, ManyPiecesHoldEveryVisibleAlertOnceInListOrder) {
  std::vector<AlertId> published;
  for (int i = 0; i < 700; ++i) {
    auto edit = [i](AlertContent& c) {
      c.incident_date = c.incident_date.AddDays(-(i * 37 % 500));
      c.description = std::string(400, 'x');  // about 1 KB a line: several pieces
    };
    if (i % 7 == 0)
      Submit(i % 2 ? "efj" : "ifj", edit);  // drafts
    else
      published.push_back(SubmitPublished(i % 2 ? "efj" : "ifj", edit).id);
  }
  std::size_t pieces = 0;
  const std::string text = Run({.format = ExportFormat::kNdjson,
                                .reader = Principal::Public(),
                                .filter = {},
                                .order = SortOrder::kIncidentDateDesc},
                               &pieces);
  EXPECT_GT(pieces, 5u);
  const std::vector<AlertId> ids = Ids(text);
  // The list API, page by page, gives the same alerts in the same order.
  std::vector<AlertId> listed;
  ListRequest request;
  request.limit = kMaxPageSize;
  for (;;) {
    auto page = ListAlerts(platform_->store(), Principal::Public(), request);
    ASSERT_TRUE(page);
    for (const Alert& a : page->items) listed.push_back(a.id);
    if (!page->next_cursor) break;
    request.cursor = *page->next_cursor;
  }
  EXPECT_EQ(ids, listed);
  EXPECT_EQ(ids.size(), published.size());

  // Ascending order walks the index the other way and resumes just as well.
  const std::vector<AlertId> ascending = Ids(Run({.format = ExportFormat::kNdjson,
                                                  .reader = Principal::Public(),
                                                  .filter = {},
                                                  .order = SortOrder::kIncidentDateAsc}));
  EXPECT_EQ(ascending.size(), ids.size());
  // A partner also gets its own drafts; the whole-store export gets everything, in id order.
  EXPECT_EQ(Ids(Run({.format = ExportFormat::kNdjson,
                     .reader = Principal::Partner("efj"),
                     .filter = {},
                     .order = SortOrder::kUpdatedAtDesc}))
                .size(),
            published.size() + 50);
  const std::vector<AlertId> everything = Ids(Run({}));
  ASSERT_EQ(everything.size(), 700u);
  EXPECT_TRUE(std::is_sorted(everything.begin(), everything.end()));
}

TEST_F(AlertExporterTest, CsvStartsWithTheHeaderAndHidesWithheldNames) {
  SubmitPublished("efj", [](AlertContent& c) {
    c.title = "=cmd|' /C calc'!A0";
    c.victims[0].withheld = true;
    c.victims[0].name = "Secret Name";
    Victim other;
    other.name = "Semi;colon | pipe \\ back";
    other.kind = VictimKind::kBlogger;
    other.outlet = "A|B";
    c.victims.push_back(other);
  });
  const std::string csv = Run({.format = ExportFormat::kCsv,
                               .reader = Principal::Public(),
                               .filter = {},
                               .order = SortOrder::kIncidentDateDesc});
  ASSERT_TRUE(csv.starts_with(AlertCsvHeader()));
  EXPECT_EQ(csv.find("Secret Name"), std::string::npos);
  EXPECT_EQ(csv.find("Example Media"), std::string::npos);
  EXPECT_NE(csv.find(",\"'=cmd|' /C calc'!A0\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",(withheld)|journalist|female|;Semi\\;colon \\| pipe \\\\ back|blogger|"
                     "unknown|A\\|B,"),
            std::string::npos)
      << csv;
  const std::string partner = Run({.format = ExportFormat::kCsv,
                                   .reader = Principal::Partner("efj"),
                                   .filter = {},
                                   .order = SortOrder::kIncidentDateDesc});
  EXPECT_NE(partner.find("Secret Name|journalist|female|Example Media"), std::string::npos);
  // An empty store still gets its header, and an empty NDJSON export is empty.
  const std::string none = Run({.format = ExportFormat::kCsv,
                                .reader = Principal::Public(),
                                .filter = {.countries = {"FR"}},
                                .order = SortOrder::kIncidentDateDesc});
  EXPECT_EQ(none, AlertCsvHeader());
}

TEST_F(AlertExporterTest, TheSnapshotIgnoresLaterCommits) {
  for (int i = 0; i < 300; ++i) SubmitPublished();
  AlertExporter exporter(platform_->store(), {.format = ExportFormat::kNdjson,
                                              .reader = Principal::Public(),
                                              .filter = {},
                                              .order = SortOrder::kIncidentDateDesc});
  std::string all;
  auto first = exporter.Next(all);
  ASSERT_TRUE(first && *first);
  for (int i = 0; i < 20; ++i) SubmitPublished();
  for (bool more = true; more;) {
    auto next = exporter.Next(all);
    ASSERT_TRUE(next);
    more = *next;
  }
  EXPECT_EQ(Ids(all).size(), 300u);
  EXPECT_EQ(exporter.written(), 300u);
}

}  // namespace
}  // namespace soj::tracker
