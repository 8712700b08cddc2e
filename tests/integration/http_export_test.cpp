// GET /api/v1/export over HTTP on a store of 100,000 alerts (imported with soj-admin): every
// row read back with an RFC 4180 reader and compared with the documents it came from, NDJSON
// against the list API, privacy for each kind of caller, gzip, and the server staying
// responsive and small in memory while an export streams.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "tests/gunzip.hpp"
#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
// The sanitizer build checks the same properties on a quarter of the store: ASan makes the
// import and every full export three times slower.
constexpr int kAlerts = kSanitized ? 25'000 : 100'000;

// What the generator put into alert i, and what an export must say about it.
struct Source {
  int64_t id = 0;
  std::string title, country, date, categories, threat, status, partner;
  int level = 1;
  bool withheld = false;
  std::string name, outlet;
  bool Public() const { return status == "published" || status == "resolved"; }
};

Source Make(int64_t i) {
  static const char* kCountries[] = {"BY", "RU", "TR", "FR", "DE", "PL"};
  static const char* kCategories[] = {"attack", "detention;harassment", "chilling"};
  static const char* kThreats[] = {"state", "non_state", "unknown"};
  Source s;
  s.id = i;
  const std::string n = std::to_string(i);
  switch (i % 13) {
    case 0:
      s.title = "=HYPERLINK(\"http://x.test\") " + n;
      break;
    case 1:
      s.title = "+1 " + n;
      break;
    case 2:
      s.title = "-2, minus " + n;
      break;
    case 3:
      s.title = "@cmd " + n;
      break;
    case 4:
      s.title = "Line one\nline two " + n;
      break;
    case 5:
      s.title = "Журналіст затрыманы \"цытата\" " + n;
      break;
    default:
      s.title = "Journalist " + n + " detained, outlet raided";
  }
  s.country = kCountries[i % 6];
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", static_cast<int>(2016 + i % 9),
                static_cast<int>(1 + i % 12), static_cast<int>(1 + (i / 12) % 28));
  s.date = date;
  s.categories = kCategories[i % 3];
  s.threat = kThreats[(i / 3) % 3];
  s.level = 1 + static_cast<int>(i % 2);
  s.status = i % 10 == 0   ? "draft"
             : i % 10 == 1 ? "rejected"
             : i % 10 == 2 ? "resolved"
                           : "published";
  s.partner = i % 4 < 2 ? "efj" : "ifj";
  s.withheld = i % 5 == 0 || i % 5 == 2;
  s.name = s.withheld ? "SECRET-" + n : i % 11 == 0 ? "@Handle " + n : "Name " + n;
  s.outlet = s.withheld ? "HIDDEN-OUTLET-" + n : i % 7 == 0 ? "Outlet; A|B\\" + n : "Outlet " + n;
  return s;
}

std::string Document(const Source& s) {
  json::array categories;
  for (std::size_t at = 0; at < s.categories.size();) {
    std::size_t end = s.categories.find(';', at);
    if (end == std::string::npos) end = s.categories.size();
    categories.emplace_back(s.categories.substr(at, end - at));
    at = end + 1;
  }
  json::object doc{{"id", s.id},
                   {"title", s.title},
                   {"description", "Description of alert " + std::to_string(s.id)},
                   {"country", s.country},
                   {"incident_date", s.date},
                   {"categories", categories},
                   {"threat_source", s.threat},
                   {"level", s.level},
                   {"partners", json::array{s.partner}},
                   {"victims", json::array{json::object{{"name", s.name},
                                                        {"withheld", s.withheld},
                                                        {"kind", "journalist"},
                                                        {"outlet", s.outlet}}}},
                   {"status", s.status},
                   {"submitted_at", "2024-01-01T00:00:00Z"},
                   {"updated_at", "2024-01-03T00:00:00Z"},
                   {"version", 1}};
  if (s.Public()) doc["published_at"] = "2024-01-02T00:00:00Z";
  if (s.status == "resolved")
    doc["resolution"] = json::object{{"date", "2024-06-01"}, {"reason", "Released"}};
  return json::serialize(doc);
}

// RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold both.
std::vector<std::vector<std::string>> ReadCsv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      ++i;
    } else {
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(record.empty() && field.empty()) << "the last record must end in CRLF";
  return records;
}

// What a formula cell looks like once neutralised.
std::string Neutralised(const std::string& cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos
             ? "'" + cell
             : cell;
}

std::string EscapeVictimPart(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '|' || c == ';') out += '\\';
    out += c;
  }
  return out;
}

int64_t RssKb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmRSS:")) return std::stoll(line.substr(6));
  return -1;
}

class HttpExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir();
    const std::string file = data_->str() + "-alerts.ndjson";
    {
      std::ofstream out(file);
      for (int64_t i = 1; i <= kAlerts; ++i) out << Document(Make(i)) << '\n';
    }
    auto imported = RunAdmin({"import", file, "--data", data_->str()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    // Built now, so that the server's memory and speed while exporting are measured without
    // the background build an import leaves to it.
    auto indexed = RunAdmin({"reindex", "--data", data_->str()});
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
    std::remove(file.c_str());
    server_ = new ServerProcess({"--threads", "1"}, data_);
    efj_ = new std::string(server_->CreateToken("partner", "efj"));
    editor_ = new std::string(server_->CreateToken("editor"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
    delete efj_;
    delete editor_;
  }
  static HttpResult Export(const std::string& query, const std::string& token = "",
                           std::vector<std::pair<std::string, std::string>> headers = {}) {
    return Send(server_->port(), {"GET", "/api/v1/export" + query, "", std::move(headers), token});
  }

  static TempDir* data_;
  static ServerProcess* server_;
  static std::string* efj_;
  static std::string* editor_;
};
TempDir* HttpExportTest::data_ = nullptr;
ServerProcess* HttpExportTest::server_ = nullptr;
std::string* HttpExportTest::efj_ = nullptr;
std::string* HttpExportTest::editor_ = nullptr;

TEST_F(HttpExportTest, CsvOfEveryPublicAlertReadsBackFieldByField) {
  HttpResult result = Export("?format=csv");
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(result.Header("transfer-encoding"), "chunked");
  EXPECT_EQ(result.Header("content-length"), "");
  const auto records = ReadCsv(result.body);
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records[0][0], "id");
  EXPECT_EQ(records[0][9], "victims");
  std::set<int64_t> seen;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& row = records[r];
    ASSERT_EQ(row.size(), records[0].size()) << "row " << r;
    const Source s = Make(std::stoll(row[0]));
    ASSERT_TRUE(s.Public()) << "a " << s.status << " alert was exported to the public";
    ASSERT_TRUE(seen.insert(s.id).second) << "alert " << s.id << " twice";
    ASSERT_EQ(row[1], Neutralised(s.title));
    ASSERT_EQ(row[2], s.country);
    ASSERT_EQ(row[3], s.date);
    ASSERT_EQ(row[4], s.categories);
    ASSERT_EQ(row[5], s.threat);
    ASSERT_EQ(row[6], std::to_string(s.level));
    ASSERT_EQ(row[7], s.status);
    ASSERT_EQ(row[8], s.partner);
    const std::string victim =
        s.withheld ? "(withheld)|journalist|unknown|"
                   : EscapeVictimPart(s.name) + "|journalist|unknown|" + EscapeVictimPart(s.outlet);
    ASSERT_EQ(row[9], Neutralised(victim));
    ASSERT_EQ(row[20], "/alerts/" + row[0]);
  }
  int64_t expected = 0;
  for (int64_t i = 1; i <= kAlerts; ++i) expected += Make(i).Public();
  EXPECT_EQ(static_cast<int64_t>(seen.size()), expected);
  EXPECT_EQ(result.body.find("SECRET-"), std::string::npos);
  EXPECT_EQ(result.body.find("HIDDEN-OUTLET-"), std::string::npos);
}

TEST_F(HttpExportTest, NdjsonMatchesTheListApiInOrderAndContent) {
  HttpResult result = Export("", "", {{"Accept", "application/x-ndjson"}});
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.Header("content-type"), "application/x-ndjson");
  std::vector<json::value> lines;
  for (std::size_t at = 0; at < result.body.size();) {
    std::size_t end = result.body.find('\n', at);
    ASSERT_NE(end, std::string::npos) << "the last line must end in a newline";
    lines.push_back(json::parse(std::string_view(result.body).substr(at, end - at)));
    at = end + 1;
  }
  HttpResult first = Get(server_->port(), "/api/v1/alerts?limit=200");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(static_cast<int64_t>(lines.size()), first.Json().at("total").as_int64());
  std::string cursor(first.Json().at("next_cursor").as_string());
  HttpResult second = Get(server_->port(), "/api/v1/alerts?limit=200&cursor=" + cursor);
  std::vector<json::value> listed;
  for (const HttpResult* page : {&first, &second}) {
    const json::value body = page->Json();
    for (const auto& item : body.at("items").as_array()) listed.push_back(item);
  }
  ASSERT_EQ(listed.size(), 400u);
  for (std::size_t i = 0; i < listed.size(); ++i) ASSERT_EQ(lines[i], listed[i]) << "line " << i;
  for (const json::value& line : lines) {
    const Source s = Make(line.at("id").as_int64());
    ASSERT_EQ(line.at("title").as_string(), s.title);
    const json::object& victim = line.at("victims").as_array()[0].as_object();
    ASSERT_EQ(victim.contains("name"), !s.withheld);
  }
}

TEST_F(HttpExportTest, FiltersAndSortAreTheListsOwn) {
  // FR alerts are attacks of level 2; DE ones are about detention, so the category drops them.
  const std::string filters = "country=FR,DE&category=attack,chilling&level=2&sort=incident_date";
  HttpResult csv = Export("?format=csv&" + filters);
  ASSERT_EQ(csv.status, 200);
  const auto records = ReadCsv(csv.body);
  HttpResult list = Get(server_->port(), "/api/v1/alerts?limit=5&" + filters);
  ASSERT_EQ(list.status, 200);
  ASSERT_GT(records.size(), 1000u);
  for (std::size_t r = 1; r < records.size(); ++r) ASSERT_EQ(records[r][2], "FR");
  EXPECT_EQ(static_cast<int64_t>(records.size()) - 1, list.Json().at("total").as_int64());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(records[i + 1][0], std::to_string(list.Json().at("items").at(i).at("id").as_int64()));
  for (std::size_t r = 2; r < records.size(); ++r) ASSERT_LE(records[r - 1][3], records[r][3]);

  EXPECT_EQ(Export("?format=xml").status, 400);
  EXPECT_EQ(Export("?limit=10").status, 400);
  EXPECT_EQ(Export("?colour=red").status, 400);
  EXPECT_EQ(ProblemFields(Export("?format=csv&cursor=abc")), std::vector<std::string>{"cursor"});
}

TEST_F(HttpExportTest, PartnersSeeTheirOwnAndEditorsSeeEverything) {
  const std::string filter = "?format=csv&country=FR";  // a sixth of the store
  std::map<std::string, std::set<int64_t>> ids;
  for (const auto& [who, token] :
       {std::pair<std::string, std::string>{"public", ""}, {"efj", *efj_}, {"editor", *editor_}}) {
    HttpResult result = Export(filter, token);
    ASSERT_EQ(result.status, 200) << who;
    EXPECT_EQ(result.Header("cache-control"),
              token.empty() ? "public, no-cache" : "private, no-store");
    const auto records = ReadCsv(result.body);
    for (std::size_t r = 1; r < records.size(); ++r) {
      const Source s = Make(std::stoll(records[r][0]));
      ids[who].insert(s.id);
      const bool reveal = who == "editor" || (who == "efj" && s.partner == "efj");
      ASSERT_EQ(records[r][9].find("SECRET-") != std::string::npos, reveal && s.withheld)
          << who << " alert " << s.id;
      ASSERT_TRUE(s.Public() || who == "editor" || (who == "efj" && s.partner == "efj"))
          << who << " sees " << s.status << " alert " << s.id;
    }
  }
  int64_t fr = 0, fr_efj = 0, fr_public = 0;
  for (int64_t i = 1; i <= kAlerts; ++i) {
    const Source s = Make(i);
    if (s.country != "FR") continue;
    ++fr;
    fr_public += s.Public();
    fr_efj += s.Public() || s.partner == "efj";
  }
  EXPECT_EQ(static_cast<int64_t>(ids["public"].size()), fr_public);
  EXPECT_EQ(static_cast<int64_t>(ids["efj"].size()), fr_efj);
  EXPECT_EQ(static_cast<int64_t>(ids["editor"].size()), fr);
}

TEST_F(HttpExportTest, GzipStreamsTheSameBytesAndHeadSendsOnlyTheHeader) {
  const std::string query = "?format=ndjson&country=DE";
  HttpResult plain = Export(query);
  HttpResult packed = Export(query, "", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(packed.status, 200);
  EXPECT_EQ(packed.Header("content-encoding"), "gzip");
  EXPECT_NE(packed.Header("vary").find("Accept-Encoding"), std::string::npos);
  EXPECT_EQ(packed.Header("etag"),
            plain.Header("etag").substr(0, plain.Header("etag").size() - 1) + "-gzip\"");
  EXPECT_LT(packed.body.size(), plain.body.size() / 3);
  EXPECT_EQ(Gunzip(packed.body), plain.body);

  HttpResult head = Send(server_->port(), {"HEAD", "/api/v1/export" + query, "", {}, ""});
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  for (const char* name : {"content-type", "etag", "cache-control", "vary", "transfer-encoding"})
    EXPECT_EQ(head.Header(name), plain.Header(name)) << name;

  HttpResult again = Export(query, "", {{"If-None-Match", plain.Header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
}

TEST_F(HttpExportTest, OtherRequestsAreAnsweredWhileAnExportStreamsInBoundedMemory) {
  const int pid = server_->pid();
  const int64_t baseline_kb = RssKb(pid);
  ASSERT_GT(baseline_kb, 0);
  // A client that asks for an export and never reads: the server must not wait on it.
  std::thread stalled([port = server_->port()] {
    SendRaw(port, "GET /api/v1/export?format=csv HTTP/1.1\r\nHost: x\r\n\r\n", 3000);
  });
  std::atomic<bool> done{false};
  std::size_t exported = 0;
  std::thread reader([&] {
    exported = Export("?format=csv").body.size();
    done = true;
  });
  int64_t peak_kb = baseline_kb, slowest_ms = 0;
  int answered_during = 0;
  while (!done) {
    const auto start = std::chrono::steady_clock::now();
    HttpResult health = Get(server_->port(), "/api/v1/alerts/7");
    slowest_ms = std::max(slowest_ms, MillisSince(start));
    EXPECT_EQ(health.status, 200);
    if (!done) ++answered_during;
    peak_kb = std::max(peak_kb, RssKb(pid));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  reader.join();
  stalled.join();
  EXPECT_GT(exported, kAlerts * 100u);
  EXPECT_GE(answered_during, 3) << "the export finished too fast to tell";
  EXPECT_LT(slowest_ms, kSanitized ? 3000 : 1000);
  // ASan keeps freed memory in quarantine (256 MB by default), so its bound is looser.
  const int64_t growth_mb = (peak_kb - baseline_kb) / 1024;
  EXPECT_LT(growth_mb, kSanitized ? 400 : 100) << "baseline " << baseline_kb / 1024 << " MB";
  RecordProperty("rss_growth_mb", std::to_string(growth_mb));
  EXPECT_EQ(Get(server_->port(), "/healthz").status, 200);
}

}  // namespace
}  // namespace soj::testing
