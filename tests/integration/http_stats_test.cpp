// The statistics routes over HTTP, on data written through the API: the published figure
// "38 journalists in detention in Belarus at the end of 2023" is reproduced exactly.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;

class HttpStatsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    partner_ = new std::string(server_->CreateToken("partner", "efj"));
    editor_ = new std::string(server_->CreateToken("editor"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete partner_;
    delete editor_;
  }

  // Submits and (unless draft) publishes an alert with one journalist detained over
  // [from, until); returns its id.
  static int64_t Detention(const std::string& country, const std::string& from,
                           const std::string& until, bool publish = true,
                           const std::string& person_id = "") {
    json::object victim{
        {"name", "Journalist " + std::to_string(++counter_)},
        {"kind", "journalist"},
        {"detentions", json::array{json::object{
                           {"from", from},
                           {"until", until.empty() ? json::value(nullptr) : json::value(until)}}}}};
    json::object alert{{"title", "Journalist detained"},
                       {"description", "Detained while reporting."},
                       {"country", country},
                       {"incident_date", from},
                       {"categories", json::array{"detention"}},
                       {"threat_source", "state"},
                       {"level", 1},
                       {"victims", json::array{victim}}};
    auto created = PostJson(server_->port(), "/api/v1/alerts", json::serialize(alert), *partner_);
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.Json().at("id").as_int64();
    if (!person_id.empty()) {
      json::value patch = {{"victims", json::array{victim}}};
      patch.at("victims").as_array()[0].as_object()["person_id"] = person_id;
      auto patched =
          Send(server_->port(),
               {"PATCH",
                "/api/v1/alerts/" + std::to_string(id),
                json::serialize(patch),
                {{"Content-Type", "application/merge-patch+json"}, {"If-Match", "\"1\""}},
                *editor_});
      EXPECT_EQ(patched.status, 200) << patched.body;
    }
    if (publish) {
      auto published =
          PostJson(server_->port(), "/api/v1/alerts/" + std::to_string(id) + "/transitions",
                   R"({"to":"published"})", *editor_);
      EXPECT_EQ(published.status, 200) << published.body;
    }
    return id;
  }

  static inline ServerProcess* server_ = nullptr;
  static inline std::string* partner_ = nullptr;
  static inline std::string* editor_ = nullptr;
  static inline int counter_ = 0;
};

TEST_F(HttpStatsTest, BelarusHad38JournalistsInDetentionAtTheEndOf2023) {
  for (int i = 0; i < 35; ++i) Detention("BY", "2023-0" + std::to_string(1 + i % 9) + "-15", "");
  Detention("BY", "2022-06-01", "2024-02-01");
  Detention("BY", "2023-12-31", "");                     // detained on the day itself: counted
  Detention("BY", "2023-03-01", "2023-12-31");           // released on the day: not counted
  Detention("BY", "2023-05-01", "", /*publish=*/false);  // a draft never counts
  Detention("RU", "2023-05-01", "");                     // another country
  // The same person in two alerts counts once.
  Detention("BY", "2023-02-01", "", true, "person-7");
  Detention("BY", "2023-04-01", "", true, "person-7");

  auto by = Get(server_->port(), "/api/v1/stats/detentions?as_of=2023-12-31&country=BY");
  ASSERT_EQ(by.status, 200) << by.body;
  json::value body = by.Json();
  EXPECT_EQ(body.at("as_of"), "2023-12-31");
  EXPECT_EQ(body.at("country"), "BY");
  EXPECT_EQ(body.at("total"), 38);  // 35 + 1 + 1 + person-7 once
  EXPECT_EQ(by.Header("cache-control"), "public, no-cache");

  auto all = Get(server_->port(), "/api/v1/stats/detentions?as_of=2023-12-31");
  EXPECT_EQ(all.Json().at("by_country").at("BY"), 38);
  EXPECT_EQ(all.Json().at("by_country").at("RU"), 1);
  EXPECT_EQ(all.Json().at("total"), 39);

  // The CSV carries the same numbers.
  auto csv = Send(server_->port(), {"GET",
                                    "/api/v1/stats/detentions?as_of=2023-12-31&country=BY",
                                    "",
                                    {{"Accept", "text/csv"}},
                                    ""});
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("2023-12-31,BY,38"), std::string::npos) << csv.body;

  auto series =
      Get(server_->port(),
          "/api/v1/stats/detentions?series=month&from=2023-11-01&to=2024-02-29&country=BY");
  ASSERT_EQ(series.status, 200) << series.body;
  const json::value series_body = series.Json();
  const auto& points = series_body.at("points").as_array();
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[1].at("date"), "2023-12-31");
  EXPECT_EQ(points[1].at("count"), 38);
  EXPECT_EQ(points[3].at("date"), "2024-02-29");
  EXPECT_EQ(points[3].at("count"), 37);  // the 2022 detainee was released on 2024-02-01
}

TEST_F(HttpStatsTest, BadParametersAreNamed) {
  auto future = Get(server_->port(), "/api/v1/stats/detentions?as_of=2999-01-01");
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.Json().at("errors").at(0).at("field"), "as_of");
  auto country = Get(server_->port(), "/api/v1/stats/impunity?country=US");
  EXPECT_EQ(country.status, 400);
  EXPECT_EQ(country.Json().at("errors").at(0).at("field"), "country");
  auto group = Get(server_->port(), "/api/v1/stats/alerts?group_by=colour");
  EXPECT_EQ(group.status, 400);
  auto year = Get(server_->port(), "/api/v1/stats/replies?year=twenty");
  EXPECT_EQ(year.Json().at("errors").at(0).at("field"), "year");
  auto unknown = Get(server_->port(), "/api/v1/stats/replies?colour=red");
  EXPECT_EQ(unknown.Json().at("errors").at(0).at("field"), "colour");
  auto format = Get(server_->port(), "/api/v1/stats/replies?format=xml");
  EXPECT_EQ(format.Json().at("errors").at(0).at("field"), "format");
}

TEST_F(HttpStatsTest, CountsRepliesAndImpunityAnswerJsonAndCsv) {
  Detention("GE", "2024-01-10", "2024-01-20");
  auto counts = Get(server_->port(), "/api/v1/stats/alerts?group_by=country,category&country=GE");
  ASSERT_EQ(counts.status, 200) << counts.body;
  const json::value counts_body = counts.Json();
  const auto& rows = counts_body.at("rows").as_array();
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].at("country"), "GE");
  EXPECT_EQ(rows[0].at("category"), "detention");
  auto csv = Get(server_->port(), "/api/v1/stats/alerts?group_by=country&country=GE&format=csv");
  EXPECT_TRUE(csv.body.starts_with("country,count\r\nGE,")) << csv.body;
  auto replies = Get(server_->port(), "/api/v1/stats/replies?country=GE");
  ASSERT_EQ(replies.status, 200);
  EXPECT_GE(replies.Json().at("total").at("published").as_int64(), 1);
  auto impunity = Get(server_->port(), "/api/v1/stats/impunity?as_of=2024-06-01");
  ASSERT_EQ(impunity.status, 200);
  EXPECT_TRUE(impunity.Json().at("cases").is_array());
  EXPECT_EQ(impunity.Json().at("as_of"), "2024-06-01");
}

TEST_F(HttpStatsTest, CountsAndRepliesTakeAsOf) {
  const int64_t replied = Detention("AM", "2024-03-01", "2024-03-05");
  Detention("AM", "2024-03-02", "");
  auto reply = PostJson(server_->port(), "/api/v1/alerts/" + std::to_string(replied) + "/replies",
                        R"({"text":"The prosecutor opened an inquiry."})", *editor_);
  ASSERT_EQ(reply.status, 201) << reply.body;

  auto replies = Get(server_->port(), "/api/v1/stats/replies?country=AM");
  ASSERT_EQ(replies.status, 200) << replies.body;
  EXPECT_EQ(replies.Json().at("total").at("published"), 2);
  // A plain decimal, not Boost.JSON's "5E-1".
  EXPECT_NE(replies.body.find(R"("rate":0.5)"), std::string::npos) << replies.body;
  EXPECT_FALSE(replies.Json().at("as_of").as_string().empty());

  // Everything above was published today: nothing of it existed at the end of 2024.
  auto before = Get(server_->port(), "/api/v1/stats/replies?country=AM&as_of=2024-12-31");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.Json().at("as_of"), "2024-12-31");
  EXPECT_EQ(before.Json().at("total").at("published"), 0);
  auto counts = Get(server_->port(), "/api/v1/stats/alerts?country=AM&as_of=2024-12-31");
  ASSERT_EQ(counts.status, 200) << counts.body;
  EXPECT_EQ(counts.Json().at("as_of"), "2024-12-31");
  EXPECT_EQ(counts.Json().at("rows").at(0).at("count"), 0);
  EXPECT_EQ(
      Get(server_->port(), "/api/v1/stats/alerts?country=AM").Json().at("rows").at(0).at("count"),
      2);

  auto future = Get(server_->port(), "/api/v1/stats/alerts?as_of=2999-01-01");
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.Json().at("errors").at(0).at("field"), "as_of");
}

}  // namespace
}  // namespace soj::testing
