// The alert feeds over HTTP, read back by a real feed reader: Debian's python3-feedparser
// parses the Atom feed (strictly: any XML error is reported as "bozo"), and checks the JSON
// Feed's fields and dates (feedparser 6.0 has no JSON Feed parser, so the script reads the
// JSON and parses its dates with feedparser's date parser). Titles, links and dates must come
// back exactly, hostile titles included; withheld names never appear.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;

// Prints {"bozo", "error", "version", "title", "entries": [{id, title, link, links, updated,
// published}]} for the feed in argv[1] of kind argv[2] ("atom" or "json").
constexpr const char* kReader = R"PY(
import json, sys, time, feedparser
from feedparser.datetimes import _parse_date
data = open(sys.argv[1], 'rb').read()
def iso(t):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', t) if t else None
if sys.argv[2] == 'atom':
    d = feedparser.parse(data)
    out = {'bozo': bool(d.bozo), 'error': str(d.get('bozo_exception', '')),
           'version': d.version, 'title': d.feed.get('title'), 'entries': [
        {'id': e.get('id'), 'title': e.get('title'), 'link': e.get('link'),
         'links': [l.get('href') for l in e.get('links', [])],
         'updated': iso(e.get('updated_parsed')), 'published': iso(e.get('published_parsed'))}
        for e in d.entries]}
else:
    d = json.loads(data.decode('utf-8'))
    ok = d.get('version') == 'https://jsonfeed.org/version/1.1' and isinstance(d.get('title'), str)
    entries = []
    for i in d.get('items', []):
        ok = ok and isinstance(i.get('id'), str) and isinstance(i.get('content_text'), str)
        entries.append({'id': i.get('id'), 'title': i.get('title'), 'link': i.get('url'),
                        'links': [i.get('url'), i.get('_soj', {}).get('api_url')],
                        'updated': iso(_parse_date(i.get('date_modified', ''))),
                        'published': iso(_parse_date(i.get('date_published', '')))})
    out = {'bozo': not ok, 'error': '', 'version': d.get('version'), 'title': d.get('title'),
           'entries': entries}
print(json.dumps(out))
)PY";

class HttpFeedsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    efj_ = new std::string(server_->CreateToken("partner", "efj"));
    editor_ = new std::string(server_->CreateToken("editor"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete efj_;
    delete editor_;
  }
  static uint16_t port() { return server_->port(); }

  static json::object Publish(const std::string& title, const std::string& country = "BY",
                              const std::string& category = "detention",
                              json::object translations = {}) {
    json::object alert{
        {"title", title},
        {"description", "Described <b>here</b> & there."},
        {"country", country},
        {"incident_date", "2023-03-14"},
        {"categories", json::array{json::value(category)}},
        {"threat_source", "state"},
        {"level", 1},
        {"translations", std::move(translations)},
        {"victims", json::array{json::object{{"name", "Withheld Person"},
                                             {"outlet", "Withheld Outlet"},
                                             {"kind", "journalist"},
                                             {"withheld", true}},
                                json::object{{"name", "Named Person"}, {"kind", "blogger"}}}}};
    auto created = PostJson(port(), "/api/v1/alerts", json::serialize(alert), *efj_);
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string id = std::to_string(created.Json().at("id").as_int64());
    auto published = PostJson(port(), "/api/v1/alerts/" + id + "/transitions",
                              R"({"to":"published"})", *editor_);
    EXPECT_EQ(published.status, 200) << published.body;
    return published.Json().as_object();
  }

  // Runs the feed reader on `body`.
  static json::object Read(const std::string& body, const std::string& kind) {
    TempDir dir;
    const std::string feed = (dir.path() / "feed").string();
    const std::string script = (dir.path() / "read.py").string();
    std::ofstream(feed, std::ios::binary) << body;
    std::ofstream(script) << kReader;
    CommandResult run = RunCommand({"/usr/bin/python3", script, feed, kind});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    boost::system::error_code ec;
    json::value parsed = json::parse(run.out, ec);
    EXPECT_FALSE(ec) << run.out << run.err;
    return ec ? json::object() : parsed.as_object();
  }

  static inline ServerProcess* server_ = nullptr;
  static inline std::string* efj_ = nullptr;
  static inline std::string* editor_ = nullptr;
};

TEST_F(HttpFeedsTest, FeedReadersGetTitlesLinksAndDatesBack) {
  if (!std::filesystem::exists("/usr/lib/python3/dist-packages/feedparser"))
    GTEST_SKIP() << "python3-feedparser is not installed (tools/setup.sh installs it)";
  const std::string hostile = "<script>alert(\"x\")</script> ]]> & 'q' \ttab — Мінск";
  json::object first = Publish("First alert");
  json::object second = Publish(hostile, "TR", "attack");
  const std::string base = "http://127.0.0.1:" + std::to_string(port());

  for (const std::string kind : {"atom", "json"}) {
    SCOPED_TRACE(kind);
    auto got = Get(port(), "/feeds/alerts." + kind);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.Header("content-type"), kind == "atom" ? "application/atom+xml; charset=utf-8"
                                                         : "application/feed+json; charset=utf-8");
    EXPECT_FALSE(got.Header("etag").empty());
    EXPECT_FALSE(got.Header("last-modified").empty());
    EXPECT_EQ(got.body.find("Withheld"), std::string::npos);  // neither name nor outlet
    EXPECT_NE(got.body.find("Named Person"), std::string::npos);
    if (kind == "atom") {
      EXPECT_EQ(got.body.find("<script>"), std::string::npos);
    }

    json::object feed = Read(got.body, kind);
    EXPECT_FALSE(feed.at("bozo").as_bool()) << feed.at("error") << "\n" << got.body;
    if (kind == "atom") {
      EXPECT_EQ(feed.at("version").as_string(), "atom10");
    }
    const json::array& entries = feed.at("entries").as_array();
    ASSERT_GE(entries.size(), 2u);
    // Most recently updated first.
    for (const auto& [entry, alert] :
         {std::pair{entries[0], second}, std::pair{entries[1], first}}) {
      const std::string id = std::to_string(alert.at("id").as_int64());
      EXPECT_EQ(entry.at("title"), alert.at("title"));
      EXPECT_EQ(entry.at("id").as_string(), "tag:soj-tracker,2023:alert/" + id);
      EXPECT_EQ(entry.at("link").as_string(), base + "/alerts/" + id);
      EXPECT_EQ(entry.at("links").as_array().at(1).as_string(), base + "/api/v1/alerts/" + id);
      EXPECT_EQ(entry.at("updated"), alert.at("updated_at"));
      EXPECT_EQ(entry.at("published"), alert.at("published_at"));
    }
  }
}

TEST_F(HttpFeedsTest, FiltersLanguageAndPublicUrl) {
  Publish("Translated", "RU", "chilling",
          {{"fr", json::object{{"title", "Traduit"}, {"description", "Décrit."}}}});
  auto fr = Get(port(), "/feeds/alerts.json?country=RU&lang=fr&limit=5");
  ASSERT_EQ(fr.status, 200) << fr.body;
  const json::value body = fr.Json();
  const json::array& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("title").as_string(), "Traduit");
  EXPECT_EQ(items[0].at("language").as_string(), "fr");
  auto chilling = Get(port(), "/feeds/alerts.atom?category=chilling");
  EXPECT_NE(chilling.body.find("<title type=\"text\">Translated</title>"), std::string::npos);
  EXPECT_EQ(chilling.body.find("First alert"), std::string::npos);

  auto bad = Get(port(), "/feeds/alerts.atom?country=XX&category=gossip&lang=de&limit=201");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Header("content-type"), "application/problem+json");
  auto fields = ProblemFields(bad);
  for (const char* field : {"country", "category", "lang", "limit"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;

  // A hostile Host header cannot inject anything into links.
  auto host = Send(port(), {"GET", "/feeds/alerts.atom", "", {{"Host", "evil\"><x>"}}, ""});
  EXPECT_EQ(host.body.find("evil"), std::string::npos);
  EXPECT_NE(host.body.find("href=\"http://localhost/alerts"), std::string::npos);

  ServerProcess behind({"--public-url", "https://alerts.example.org/"});
  auto fixed = Get(behind.port(), "/feeds/alerts.atom");
  EXPECT_NE(fixed.body.find("href=\"https://alerts.example.org/feeds/alerts.atom\""),
            std::string::npos)
      << fixed.body;
}

TEST_F(HttpFeedsTest, PollersGet304UntilSomethingChanges) {
  Publish("Before polling");
  for (const std::string kind : {"atom", "json"}) {
    SCOPED_TRACE(kind);
    const std::string target = "/feeds/alerts." + kind;
    auto first = Get(port(), target);
    ASSERT_EQ(first.status, 200);
    auto etag = Send(port(), {"GET", target, "", {{"If-None-Match", first.Header("etag")}}, ""});
    EXPECT_EQ(etag.status, 304);
    EXPECT_TRUE(etag.body.empty());
    // Last-Modified is never "now" (a change later in the same second would hide behind it).
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    auto again = Get(port(), target);
    auto since = Send(
        port(), {"GET", target, "", {{"If-Modified-Since", again.Header("last-modified")}}, ""});
    EXPECT_EQ(since.status, 304);
    EXPECT_EQ(since.Header("etag"), again.Header("etag"));
  }
  auto old = Get(port(), "/feeds/alerts.json");
  Publish("After polling");
  auto etag =
      Send(port(), {"GET", "/feeds/alerts.json", "", {{"If-None-Match", old.Header("etag")}}, ""});
  EXPECT_EQ(etag.status, 200);
  auto since = Send(
      port(),
      {"GET", "/feeds/alerts.json", "", {{"If-Modified-Since", old.Header("last-modified")}}, ""});
  EXPECT_EQ(since.status, 200);
  EXPECT_NE(since.body.find("After polling"), std::string::npos);
}

}  // namespace
}  // namespace soj::testing
