// Full-text search over HTTP: `GET /api/v1/alerts?q=` on a real server with its real store
// and index, written through the API; restarts, kill -9 and soj-admin reindex.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <csignal>
#include <filesystem>
#include <set>
#include <thread>

#include "tests/integration/http_harness.hpp"
#include "tracker/list_cursor.hpp"

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

// Searches run on search workers, never on the network threads: with one network thread
// and every search worker busy with slow searches (made slow by the test flag), /healthz
// and cached reads are still answered, and a search beyond the queue is answered 503 with
// Retry-After at once, in generic words.
TEST(HttpSearchFloodTest, HealthzAnswersWhileEveryNetworkThreadWouldBeBusyWithBroadSearches) {
  ServerProcess server({"--threads", "1", "--search-workers", "1", "--search-queue", "1",
                        "--search-delay-for-tests-ms", "1500"});
  const std::string partner = server.CreateToken("partner", "efj");
  const std::string editor = server.CreateToken("editor");
  json::object alert{{"title", "Printer raided"},
                     {"description", "The printing house of a journalist was raided."},
                     {"country", "BY"},
                     {"incident_date", "2023-03-14"},
                     {"categories", json::array{"harassment"}},
                     {"threat_source", "state"},
                     {"level", 2},
                     {"victims", json::array{}}};
  auto created = PostJson(server.port(), "/api/v1/alerts", json::serialize(alert), partner);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/alerts/" + std::to_string(created.Json().at("id").as_int64());
  ASSERT_EQ(PostJson(server.port(), path + "/transitions", R"({"to":"published"})", editor).status,
            200);

  // Three clients keep the one worker and the one place in its queue taken.
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0};
  std::vector<std::thread> flood;
  for (int i = 0; i < 3; ++i)
    flood.emplace_back([&, i] {
      while (!stop) {
        HttpResult r = Get(server.port(), "/api/v1/alerts?q=journalist+" + std::to_string(i));
        if (r.status == 200) ++answered;
      }
    });
  HttpResult busy;
  for (int attempt = 0; attempt < 40 && busy.status != 503; ++attempt)
    busy = Get(server.port(), "/api/v1/alerts?q=qzvsecretname");
  EXPECT_EQ(busy.status, 503) << busy.body;
  EXPECT_EQ(busy.Header("retry-after"), "1");
  EXPECT_EQ(busy.Header("content-type"), "application/problem+json");
  EXPECT_EQ(busy.body.find("qzvsecretname"), std::string::npos);
  EXPECT_EQ(busy.Header("cache-control"), "no-store");

  // Meanwhile the one network thread answers what needs no search worker.
  EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
  EXPECT_EQ(Get(server.port(), path).status, 200);
  EXPECT_EQ(Get(server.port(), path).status, 200);  // cached by now
  EXPECT_EQ(Get(server.port(), "/alerts/" + path.substr(path.rfind('/') + 1)).status, 200);
  stop = true;
  for (auto& client : flood) client.join();
  EXPECT_GT(answered.load(), 0) << "the searches themselves were answered";
}

// Limits a search states before it runs: refused at once with 400 naming the parameter,
// without echoing the text, and on the HTML list too.
TEST_F(HttpSearchTest, AQueryWithTooManyWildcardTermsIsRefusedNamingQ) {
  Add("Printer raided", "raided");
  std::string many;
  for (int i = 0; i < 300; ++i) many += "w" + std::to_string(i) + "*+";
  for (const std::string& q : {std::string("a*+b*+c*+d*+e*"), many}) {
    HttpResult r = Get(server_->port(), "/api/v1/alerts?q=" + q);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    EXPECT_EQ(ProblemFields(r), std::vector<std::string>{"q"});
    EXPECT_EQ(r.body.find("w1*"), std::string::npos);
  }
  HttpResult page = Get(server_->port(), "/alerts?q=a*+b*+c*+d*+e*");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("filter-errors"), std::string::npos);
}

TEST_F(HttpSearchTest, AForgedSearchCursorIsRefusedNamingCursor) {
  const int64_t id = Add("Printer raided", "raided");
  const std::string forged = tracker::EncodeListCursor(
      tracker::kRelevanceCursorTag, {int64_t{1} << 40, static_cast<tracker::AlertId>(id)});
  HttpResult r = Get(server_->port(), "/api/v1/alerts?q=raided&cursor=" + forged);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(ProblemFields(r), std::vector<std::string>{"cursor"});
  EXPECT_EQ(Get(server_->port(), "/api/v1/alerts?q=raided&cursor=bm90LWEtY3Vyc29y").status, 400);
}

// Above a thousand matches a search by relevance estimates its total and says so, in the
// API and on the page; a sorted search and a plain list still count exactly.
TEST(HttpSearchTotalsTest, LargeSearchTotalsAreEstimatedAndSaySo) {
  TempDir data;
  ASSERT_EQ(RunAdmin({"demo", "--data", data.str(), "--alerts", "1500", "--seed", "5"}).exit_code,
            0);
  ServerProcess server({}, &data);
  ASSERT_GE(SearchTotal(server.port(), "the"), 0) << "the search index was built";
  HttpResult sorted = Get(server.port(), "/api/v1/alerts?q=the&sort=-incident_date&limit=1");
  ASSERT_EQ(sorted.status, 200) << sorted.body;
  const uint64_t exact = sorted.Json().at("total").to_number<uint64_t>();
  ASSERT_GT(exact, 1000u) << "the dataset must have more matches than are counted exactly";
  EXPECT_EQ(sorted.Json().at("total_is_estimate"), json::value(false));

  HttpResult ranked = Get(server.port(), "/api/v1/alerts?q=the&limit=5");
  ASSERT_EQ(ranked.status, 200) << ranked.body;
  EXPECT_EQ(ranked.Json().at("total_is_estimate"), json::value(true));
  EXPECT_GT(ranked.Json().at("total").to_number<uint64_t>(), 0u);
  EXPECT_FALSE(ranked.Json().at("next_cursor").is_null());

  HttpResult plain = Get(server.port(), "/api/v1/alerts?limit=1");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.Json().at("total_is_estimate"), json::value(false));

  const auto result_count = [](const HttpResult& page) {
    const std::size_t at = page.body.find("id=\"result-count\"");
    return at == std::string::npos ? std::string() : page.body.substr(at, 80);
  };
  HttpResult page = Get(server.port(), "/alerts?q=the");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(result_count(page).find(">about "), std::string::npos) << result_count(page);
  HttpResult sorted_page = Get(server.port(), "/alerts?q=the&sort=-incident_date");
  ASSERT_EQ(sorted_page.status, 200);
  EXPECT_EQ(result_count(sorted_page).find("about"), std::string::npos) << result_count(page);
}

}  // namespace
}  // namespace soj::testing
