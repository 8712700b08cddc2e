// Full-text search over HTTP: `GET /api/v1/alerts?q=` on a real server with its real store
// and index, written through the API; restarts, kill -9 and soj-admin reindex.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <csignal>
#include <filesystem>
#include <set>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;

class HttpSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>();
    partner_ = server_->CreateToken("partner", "efj");
    editor_ = server_->CreateToken("editor");
  }

  // Submits an alert (published unless `draft`) and returns its id.
  int64_t Add(const std::string& title, const std::string& description, json::array victims = {},
              bool draft = false, const std::string& country = "BY",
              const std::string& incident_date = "2023-03-14") {
    json::object alert{{"title", title},
                       {"description", description},
                       {"country", country},
                       {"incident_date", incident_date},
                       {"categories", json::array{"harassment"}},
                       {"threat_source", "state"},
                       {"level", 2},
                       {"victims", std::move(victims)}};
    auto created = PostJson(server_->port(), "/api/v1/alerts", json::serialize(alert), partner_);
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.Json().at("id").as_int64();
    if (!draft) {
      auto published =
          PostJson(server_->port(), Path(id) + "/transitions", R"({"to":"published"})", editor_);
      EXPECT_EQ(published.status, 200) << published.body;
    }
    return id;
  }

  static std::string Path(int64_t id) { return "/api/v1/alerts/" + std::to_string(id); }

  // Ids of every page of `query` (a query string after "?"), checking total on each page.
  std::vector<int64_t> Walk(const std::string& query, const std::string& token = "") {
    std::vector<int64_t> ids;
    std::string cursor;
    for (int guard = 0; guard < 100; ++guard) {
      HttpResult page =
          Get(server_->port(),
              "/api/v1/alerts?" + query + (cursor.empty() ? "" : "&cursor=" + cursor), token);
      EXPECT_EQ(page.status, 200) << page.body;
      if (page.status != 200) break;
      json::value body = page.Json();
      for (const json::value& item : body.at("items").as_array())
        ids.push_back(item.at("id").as_int64());
      if (body.at("next_cursor").is_null()) {
        EXPECT_EQ(body.at("total").to_number<uint64_t>(), ids.size()) << query;
        break;
      }
      cursor = std::string(body.at("next_cursor").as_string());
    }
    return ids;
  }

  std::unique_ptr<ServerProcess> server_;
  std::string partner_;
  std::string editor_;
};

json::object Victim(const std::string& name, bool withheld = false) {
  return {{"name", name}, {"withheld", withheld}, {"kind", "journalist"}};
}

TEST_F(HttpSearchTest, RanksFiltersAndPagesTheMatches) {
  const int64_t in_text = Add("Hearing postponed", "The editor was detained at the border.");
  const int64_t in_title = Add("Editor detained at the border", "A hearing follows.");
  std::vector<int64_t> many;
  for (int i = 0; i < 7; ++i)
    many.push_back(Add("Detained blogger " + std::to_string(i), "Bloggers detained in Grodno.", {},
                       false, i % 2 ? "RU" : "BY", "2022-0" + std::to_string(i + 1) + "-01"));
  EXPECT_EQ(Walk("q=border%20detained"), (std::vector<int64_t>{in_title, in_text}));

  // Every page of a relevance walk: nine matches, none twice.
  std::vector<int64_t> all = Walk("q=detained&limit=2");
  EXPECT_EQ(all.size(), 9u);
  EXPECT_EQ(std::set<int64_t>(all.begin(), all.end()).size(), 9u);
  EXPECT_EQ(Walk("q=detained&limit=200"), all);
  // With an explicit sort, the list's order.
  std::vector<int64_t> by_date = Walk("q=blogger&sort=incident_date&limit=3");
  EXPECT_EQ(by_date, many);
  // Filters combine with the text.
  EXPECT_EQ(Walk("q=bloggers&country=RU").size(), 3u);
  EXPECT_EQ(Walk("q=bloggers&country=BY&from=2022-03-01&to=2022-05-31"),
            (std::vector<int64_t>{many[4], many[2]}));
  EXPECT_EQ(Walk("q=detained&category=harassment&level=2&threat_source=state&status=published"
                 "&partner=efj")
                .size(),
            9u);
  EXPECT_TRUE(Walk("q=detained&category=attack").empty());
  EXPECT_TRUE(Walk("q=detained&level=1").empty());
  EXPECT_TRUE(Walk("q=detained&partner=ifj").empty());
  EXPECT_TRUE(Walk("q=detained&status=resolved").empty());
  // Blank q is the plain list; q twice, or too long, is a 400 that does not echo it.
  EXPECT_EQ(Walk("q=%20&limit=200").size(), 9u);
  EXPECT_EQ(Get(server_->port(), "/api/v1/alerts?q=a&q=b").status, 400);
  HttpResult long_q = Get(server_->port(), "/api/v1/alerts?q=" + std::string(1500, 'k'));
  EXPECT_EQ(long_q.status, 400);
  EXPECT_EQ(long_q.body.find("kkkk"), std::string::npos);
  EXPECT_EQ(ProblemFields(long_q), std::vector<std::string>{"q"});
}

TEST_F(HttpSearchTest, WithheldNamesAndDraftsAreNotFoundByThePublic) {
  const int64_t id = Add("Reporter threatened", "Calls at night.",
                         {Victim("Zxqsecret Person", true), Victim("Ihar Ilyash")});
  const int64_t draft = Add("Draftonly words", "x", {}, /*draft=*/true);
  for (const std::string& token : {std::string(), partner_, editor_}) {
    HttpResult r = Get(server_->port(), "/api/v1/alerts?q=Zxqsecret", token);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Json().at("total").to_number<uint64_t>(), 0u);
    EXPECT_EQ(r.body.find("Zxqsecret"), std::string::npos);
  }
  EXPECT_EQ(Walk("q=ilyash"), std::vector<int64_t>{id});
  EXPECT_TRUE(Walk("q=draftonly").empty());
  EXPECT_EQ(Walk("q=draftonly", partner_), std::vector<int64_t>{draft});
  EXPECT_EQ(Walk("q=draftonly", editor_), std::vector<int64_t>{draft});
}

TEST_F(HttpSearchTest, EditsAreSearchableAtOnceAndSurviveKillAndReindex) {
  const int64_t id = Add("Firstword title", "x", {Victim("Named Openly")});
  json::object patch{{"title", "Secondword title"},
                     {"victims", json::array{Victim("Named Openly", true)}}};
  HttpResult patched = Send(
      server_->port(), {"PATCH",
                        Path(id),
                        json::serialize(patch),
                        {{"Content-Type", "application/merge-patch+json"}, {"If-Match", "\"2\""}},
                        editor_});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_TRUE(Walk("q=firstword").empty());
  EXPECT_TRUE(Walk("q=openly").empty());
  EXPECT_EQ(Walk("q=secondword"), std::vector<int64_t>{id});

  // kill -9 right after a write: the index catches up on restart.
  const int64_t late = Add("Lateword", "written just before the crash");
  server_->Kill(SIGKILL);
  server_->Wait();
  server_->Restart();
  EXPECT_EQ(Walk("q=lateword"), std::vector<int64_t>{late});
  EXPECT_EQ(Walk("q=secondword"), std::vector<int64_t>{id});
  EXPECT_TRUE(Walk("q=openly").empty());

  // Stopped: reindex rebuilds; a deleted index is rebuilt on start.
  server_->Kill(SIGTERM);
  EXPECT_EQ(server_->Wait(), 0);
  CommandResult reindexed = RunAdmin({"reindex", "--data", server_->data_dir()});
  ASSERT_EQ(reindexed.exit_code, 0) << reindexed.err;
  EXPECT_NE(reindexed.out.find("reindexed 2 alerts"), std::string::npos) << reindexed.out;
  CommandResult verified = RunAdmin({"verify", "--data", server_->data_dir()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  std::filesystem::remove_all(std::filesystem::path(server_->data_dir()) / "search");
  server_->Restart();
  SearchTotal(server_->port(), "lateword");  // waits while the index is rebuilt
  EXPECT_EQ(Walk("q=lateword"), std::vector<int64_t>{late});
  EXPECT_EQ(Walk("q=secondword"), std::vector<int64_t>{id});
}

}  // namespace
}  // namespace soj::testing
