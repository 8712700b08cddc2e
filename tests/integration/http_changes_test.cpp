// GET /api/v1/changes over HTTP: replaying the changes rebuilds each caller's list, pages
// neither skip nor repeat while writes happen, and long polling answers as soon as a change
// commits, at the deadline otherwise, and at once on shutdown.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <map>
#include <thread>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;

class HttpChangesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    efj_ = new std::string(server_->CreateToken("partner", "efj"));
    ifj_ = new std::string(server_->CreateToken("partner", "ifj"));
    editor_ = new std::string(server_->CreateToken("editor"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete efj_;
    delete ifj_;
    delete editor_;
  }
  static uint16_t port() { return server_->port(); }

  static int64_t Create(const std::string& token, const std::string& title, bool withheld = false) {
    json::object victim{{"name", withheld ? "Secret Person" : "Open Person"},
                        {"kind", "journalist"},
                        {"withheld", withheld}};
    json::object alert{{"title", title},
                       {"description", "Described."},
                       {"country", "BY"},
                       {"incident_date", "2023-03-14"},
                       {"categories", json::array{"detention"}},
                       {"threat_source", "state"},
                       {"level", 1},
                       {"victims", json::array{victim}}};
    auto created = PostJson(port(), "/api/v1/alerts", json::serialize(alert), token);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().at("id").as_int64();
  }
  static void Move(int64_t id, const std::string& to, const std::string& token = *editor_) {
    auto moved = PostJson(port(), "/api/v1/alerts/" + std::to_string(id) + "/transitions",
                          R"({"to":")" + to + R"("})", token);
    EXPECT_EQ(moved.status, 200) << moved.body;
  }

  // Replays every change from `*cursor` on into `copy`; returns the seqs seen.
  static std::vector<int64_t> Replay(const std::string& token, std::map<int64_t, json::value>* copy,
                                     std::string* cursor, int limit = 4) {
    std::vector<int64_t> seqs;
    for (int guard = 0; guard < 10000; ++guard) {
      auto page = Get(
          port(), "/api/v1/changes?limit=" + std::to_string(limit) + "&since=" + *cursor, token);
      EXPECT_EQ(page.status, 200) << page.body;
      if (page.status != 200) break;
      const json::object body = page.Json().as_object();
      for (const auto& item : body.at("items").as_array()) {
        const int64_t id = item.at("alert_id").as_int64();
        seqs.push_back(item.at("seq").as_int64());
        if (item.at("removed").as_bool())
          copy->erase(id);
        else
          (*copy)[id] = item.at("alert");
      }
      *cursor = std::string(body.at("next_cursor").as_string());
      if (!body.at("more").as_bool()) break;
    }
    return seqs;
  }

  static std::map<int64_t, json::value> Listed(const std::string& token) {
    std::map<int64_t, json::value> out;
    std::string cursor;
    for (int guard = 0; guard < 1000; ++guard) {
      auto page = Get(
          port(), "/api/v1/alerts?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor), token);
      EXPECT_EQ(page.status, 200) << page.body;
      const json::object body = page.Json().as_object();
      for (const auto& item : body.at("items").as_array()) out[item.at("id").as_int64()] = item;
      if (body.at("next_cursor").is_null()) break;
      cursor = std::string(body.at("next_cursor").as_string());
    }
    return out;
  }

  // The cursor at the end of what `token` may see now.
  static std::string EndCursor(const std::string& token) {
    std::map<int64_t, json::value> ignored;
    std::string cursor;
    Replay(token, &ignored, &cursor, 200);
    return cursor;
  }

  static inline ServerProcess* server_ = nullptr;
  static inline std::string* efj_ = nullptr;
  static inline std::string* ifj_ = nullptr;
  static inline std::string* editor_ = nullptr;
};

TEST_F(HttpChangesTest, ReplayRebuildsWhatEachCallerLists) {
  const int64_t published = Create(*efj_, "Published", /*withheld=*/true);
  Move(published, "published");
  Create(*efj_, "Draft of efj");
  const int64_t rejected = Create(*ifj_, "Rejected");
  Move(rejected, "rejected");
  const int64_t keep = Create(*ifj_, "Kept");
  Move(keep, "published");
  const int64_t dup = Create(*efj_, "Duplicate");
  Move(dup, "published");
  auto merged = PostJson(port(), "/api/v1/alerts/" + std::to_string(dup) + "/merge",
                         R"({"into":)" + std::to_string(keep) + "}", *editor_);
  ASSERT_EQ(merged.status, 200) << merged.body;

  const std::string anonymous;
  for (const std::string* token :
       std::vector<const std::string*>{&anonymous, efj_, ifj_, editor_}) {
    std::map<int64_t, json::value> copy;
    std::string cursor;
    Replay(*token, &copy, &cursor);
    EXPECT_EQ(copy, Listed(*token)) << (token->empty() ? "public" : "with a token");
  }
  // The withheld name reaches the owning partner, never the public.
  auto pub = Get(port(), "/api/v1/changes?limit=200");
  EXPECT_NE(pub.body.find("\"Published\""), std::string::npos);
  EXPECT_EQ(pub.body.find("Secret Person"), std::string::npos);
  EXPECT_EQ(pub.body.find("Draft of efj"), std::string::npos);
  auto own = Get(port(), "/api/v1/changes?limit=200", *efj_);
  EXPECT_NE(own.body.find("Secret Person"), std::string::npos);
  EXPECT_NE(own.body.find("Draft of efj"), std::string::npos);
}

TEST_F(HttpChangesTest, PagesNeitherSkipNorRepeatWhileWritesHappen) {
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 25; ++i) {
      const int64_t id = Create(i % 2 ? *efj_ : *ifj_, "Concurrent " + std::to_string(i));
      if (i % 3 != 0) Move(id, "published");
    }
    done = true;
  });
  std::map<int64_t, json::value> copy;
  std::string cursor;
  std::vector<int64_t> seqs;
  while (!done) {
    auto more = Replay(*editor_, &copy, &cursor, 3);
    seqs.insert(seqs.end(), more.begin(), more.end());
  }
  writer.join();
  auto rest = Replay(*editor_, &copy, &cursor, 3);
  seqs.insert(seqs.end(), rest.begin(), rest.end());
  // Editors see every change: the sequence numbers from the first are 1, 2, 3, ... each once.
  ASSERT_FALSE(seqs.empty());
  for (std::size_t i = 0; i < seqs.size(); ++i) ASSERT_EQ(seqs[i], static_cast<int64_t>(i + 1));
  EXPECT_EQ(copy, Listed(*editor_));
}

TEST_F(HttpChangesTest, LongPollAnswersWhenAChangeCommits) {
  const std::string cursor = EndCursor("");
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    Create(*efj_, "Invisible draft");  // the public's wait goes on
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const int64_t id = Create(*efj_, "Long-polled");
    Move(id, "published");
  });
  const auto start = std::chrono::steady_clock::now();
  auto page = Get(port(), "/api/v1/changes?wait=20&since=" + cursor);
  const int64_t waited = MillisSince(start);
  writer.join();
  ASSERT_EQ(page.status, 200) << page.body;
  const json::value body = page.Json();
  const json::array& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << page.body;
  EXPECT_EQ(items[0].at("alert").at("title").as_string(), "Long-polled");
  EXPECT_GE(waited, 500);
  EXPECT_LT(waited, 5000);
}

TEST_F(HttpChangesTest, LongPollEndsWithAnEmptyPageAtTheDeadline) {
  const std::string cursor = EndCursor("");
  const auto start = std::chrono::steady_clock::now();
  auto page = Get(port(), "/api/v1/changes?wait=1&since=" + cursor);
  const int64_t waited = MillisSince(start);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.Json().at("items").as_array().empty());
  EXPECT_FALSE(page.Json().at("next_cursor").as_string().empty());
  EXPECT_GE(waited, 900);
  EXPECT_LT(waited, 4000);
  // Without wait, an empty page comes at once.
  auto now = Get(port(), "/api/v1/changes?since=" + cursor);
  EXPECT_EQ(now.status, 200);
  EXPECT_EQ(now.Json().at("next_cursor").as_string(), cursor);
}

TEST_F(HttpChangesTest, BadParametersAre400NamingThem) {
  auto bad = Get(port(), "/api/v1/changes?since=not-a-cursor&limit=0&wait=61&color=red");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Header("content-type"), "application/problem+json");
  auto fields = ProblemFields(bad);
  for (const char* field : {"since", "limit", "wait", "color"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;
}

TEST(HttpChangesShutdownTest, AParkedLongPollDoesNotHoldUpShutdown) {
  ServerProcess server;
  std::atomic<int> status{0};
  std::thread poller([&] {
    try {
      status = Get(server.port(), "/api/v1/changes?wait=60").status;
    } catch (const std::exception&) {
      status = -1;  // the connection closed: also an answer
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto start = std::chrono::steady_clock::now();
  server.Kill(SIGTERM);
  EXPECT_EQ(server.Wait(), 0);
  poller.join();
  EXPECT_LT(MillisSince(start), 5000);
  EXPECT_EQ(status.load(), 200);
}

}  // namespace
}  // namespace soj::testing
