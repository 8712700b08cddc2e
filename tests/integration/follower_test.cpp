// Read followers (tracker/follower.hpp) as real processes on 127.0.0.1: a primary and two
// followers of its store, writes seen by both, a follower started on a large store, writes sent
// to a follower, a primary killed with SIGKILL, and the nginx recipe of docs/deploy.md in front.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

// A soj-tracker following `primary`'s store, with its own temp directory.
class FollowerProcess {
 public:
  explicit FollowerProcess(const ServerProcess& primary, int max_lag_ms = 1000) {
    const std::vector<std::string> argv = {SOJ_TRACKER_PATH,
                                           "serve",
                                           "--follow",
                                           primary.data_dir(),
                                           "--primary-url",
                                           "http://127.0.0.1:" + std::to_string(primary.port()),
                                           "--data",
                                           dir_.str(),
                                           "--listen",
                                           "127.0.0.1:0",
                                           "--rate-limit-ip",
                                           "0",
                                           "--rate-limit-token",
                                           "0",
                                           "--max-lag-ms",
                                           std::to_string(max_lag_ms)};
    child_ = std::make_unique<ChildProcess>(argv);
    port_ = WaitForPort(*child_);
    if (port_ == 0) throw std::runtime_error("the follower did not start listening");
  }
  ~FollowerProcess() {
    child_->Kill(SIGKILL);
    child_->Wait();
  }
  uint16_t port() const { return port_; }

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> child_;
  uint16_t port_ = 0;
};

json::object AlertJson(const std::string& title, const std::string& country = "BY") {
  return {{"title", title},
          {"description", "Detained after covering a protest."},
          {"country", country},
          {"incident_date", "2024-03-14"},
          {"categories", json::array{"detention"}},
          {"threat_source", "state"},
          {"level", 1},
          {"victims", json::array{json::object{
                          {"name", "A. N."},
                          {"kind", "journalist"},
                          {"detentions", json::array{json::object{{"from", "2024-03-14"},
                                                                  {"until", nullptr}}}}}}}};
}

// The commit sequence a server answers from, per its /readyz (0 when it does not say).
uint64_t SequenceOf(uint16_t port) {
  HttpResult ready = Get(port, "/readyz");
  json::value body = ready.Json();
  if (!body.is_object() || !body.as_object().contains("sequence")) return 0;
  return body.at("sequence").to_number<uint64_t>();
}

// Waits (up to `limit`) until the follower serves the primary's current sequence.
bool WaitInStep(uint16_t primary, uint16_t follower,
                std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  const uint64_t target = SequenceOf(primary);
  const auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (SequenceOf(follower) == target) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// Expects the same status, body and ETag from both servers, asked as a proxy in front asks
// them: with the public Host (feeds build their links on it when there is no --public-url).
void ExpectSameAnswer(uint16_t primary, uint16_t follower, const std::string& target) {
  const HttpCall call{"GET", target, "", {{"Host", "alerts.example.org"}}, ""};
  HttpResult a = Send(primary, call);
  HttpResult b = Send(follower, call);
  EXPECT_EQ(a.status, 200) << target << ": " << a.body.substr(0, 300);
  EXPECT_EQ(a.status, b.status) << target;
  EXPECT_EQ(a.Header("etag"), b.Header("etag")) << target;
  EXPECT_FALSE(a.Header("etag").empty()) << target;
  EXPECT_TRUE(a.body == b.body) << target << " differs:\n"
                                << a.body.substr(0, 300) << "\n"
                                << b.body.substr(0, 300);
}

class FollowerTest : public ::testing::Test {
 protected:
  void StartPrimary(const TempDir* data = nullptr) {
    primary_ = std::make_unique<ServerProcess>(std::vector<std::string>{}, data);
    partner_ = primary_->CreateToken("partner", "efj");
    editor_ = primary_->CreateToken("editor");
  }

  // Creates and publishes an alert on `port`; returns its id.
  int64_t Publish(uint16_t port, const std::string& title, const std::string& country = "BY") {
    HttpResult created =
        PostJson(port, "/api/v1/alerts", json::serialize(AlertJson(title, country)), partner_);
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.Json().at("id").as_int64();
    HttpResult published = PostJson(port, "/api/v1/alerts/" + std::to_string(id) + "/transitions",
                                    R"({"to":"published"})", editor_);
    EXPECT_EQ(published.status, 200) << published.body;
    return id;
  }

  std::unique_ptr<ServerProcess> primary_;
  std::string partner_;
  std::string editor_;
};

TEST_F(FollowerTest, WriteOnPrimaryIsVisibleOnBothFollowersWithinOneSecond) {
  StartPrimary();
  Publish(primary_->port(), "Before the followers started");
  FollowerProcess first(*primary_);
  FollowerProcess second(*primary_);
  ASSERT_TRUE(WaitInStep(primary_->port(), first.port()));
  ASSERT_TRUE(WaitInStep(primary_->port(), second.port()));

  for (int round = 0; round < 3; ++round) {
    const int64_t id = Publish(primary_->port(), "Round " + std::to_string(round));
    const auto acknowledged = Clock::now();
    const std::string target = "/api/v1/alerts/" + std::to_string(id);
    for (const FollowerProcess* follower : {&first, &second}) {
      HttpResult seen;
      while (Clock::now() - acknowledged < std::chrono::seconds(1)) {
        seen = Get(follower->port(), target);
        if (seen.status == 200 && seen.Json().at("status") == "published") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      EXPECT_EQ(seen.status, 200) << "follower " << follower->port() << " round " << round;
      EXPECT_EQ(seen.Json().at("status"), "published");
      EXPECT_LE(MillisSince(acknowledged), 1000);
    }
  }

  // Same state, same bytes, same validators: any cache can mix the servers.
  ASSERT_TRUE(WaitInStep(primary_->port(), first.port()));
  ASSERT_TRUE(WaitInStep(primary_->port(), second.port()));
  for (const std::string target :
       {"/api/v1/alerts/1", "/api/v1/alerts?limit=2", "/api/v1/alerts?country=BY&sort=-updated_at",
        "/api/v1/stats/detentions", "/api/v1/stats/alerts?group_by=year,country",
        "/api/v1/stats/impunity", "/api/v1/stats/replies", "/feeds/alerts.json",
        "/feeds/alerts.atom", "/api/v1/changes", "/api/v1/countries", "/alerts", "/alerts/1",
        "/stats", "/"}) {
    ExpectSameAnswer(primary_->port(), first.port(), target);
    ExpectSameAnswer(primary_->port(), second.port(), target);
  }
  // Streamed exports carry the store validator; their bytes match as well.
  HttpResult a = Get(primary_->port(), "/api/v1/export?format=ndjson");
  HttpResult b = Get(first.port(), "/api/v1/export?format=ndjson");
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.Header("etag"), b.Header("etag"));
  EXPECT_TRUE(a.body == b.body);

  json::value ready = Get(first.port(), "/readyz").Json();
  EXPECT_EQ(ready.at("role"), "follower");
  EXPECT_EQ(ready.at("status"), "ready");
  EXPECT_EQ(ready.at("lag").at("sequence").to_number<uint64_t>(), 0u);
  EXPECT_EQ(Get(primary_->port(), "/readyz").Json().at("role"), "primary");
}

TEST_F(FollowerTest, FollowerStartedAfterTenThousandWritesServesTheSameStatsAndLists) {
  TempDir data;
  // 3,500 demo alerts make over 10,000 writes (each: creation, publication, replies,
  // follow-ups, resolutions...); count them from the event log below.
  CommandResult demo = RunAdmin({"demo", "--data", data.str(), "--alerts", "3500", "--seed", "7"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  // "ok: N alerts, N index entries, N events, ...": one event per write.
  CommandResult verify = RunAdmin({"verify", "--data", data.str()});
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  const auto events_end = verify.out.find(" events,");
  ASSERT_NE(events_end, std::string::npos) << verify.out;
  const auto events_begin = verify.out.rfind(' ', events_end - 1) + 1;
  EXPECT_GE(std::stoll(verify.out.substr(events_begin, events_end - events_begin)), 10'000);
  StartPrimary(&data);

  FollowerProcess follower(*primary_);
  ASSERT_TRUE(WaitInStep(primary_->port(), follower.port()));
  for (const std::string target :
       {"/api/v1/stats/detentions", "/api/v1/stats/detentions?country=BY",
        "/api/v1/stats/detentions?series=month&from=2020-01-01&to=2024-12-31",
        "/api/v1/stats/impunity", "/api/v1/stats/alerts?group_by=year,country,category",
        "/api/v1/stats/alerts?group_by=status,level", "/api/v1/stats/replies",
        "/api/v1/alerts?limit=200", "/api/v1/alerts?country=RU&limit=50",
        "/api/v1/alerts?sort=-updated_at&limit=100", "/api/v1/alerts?category=impunity"}) {
    ExpectSameAnswer(primary_->port(), follower.port(), target);
  }
  // Walk every page of one list on both: same pages, same cursors.
  std::string target = "/api/v1/alerts?limit=200&country=TR";
  for (int page = 0; page < 100; ++page) {
    HttpResult a = Get(primary_->port(), target);
    HttpResult b = Get(follower.port(), target);
    ASSERT_EQ(a.status, 200);
    ASSERT_TRUE(a.body == b.body) << target;
    const json::value page_json = a.Json();
    const json::value& next = page_json.at("next_cursor");
    if (next.is_null()) break;
    target = "/api/v1/alerts?limit=200&country=TR&cursor=" + std::string(next.as_string());
  }
  // New writes keep flowing to it.
  const int64_t id = Publish(primary_->port(), "After the follower started", "RU");
  ASSERT_TRUE(WaitInStep(primary_->port(), follower.port()));
  EXPECT_EQ(Get(follower.port(), "/api/v1/alerts/" + std::to_string(id)).status, 200);
  ExpectSameAnswer(primary_->port(), follower.port(), "/api/v1/stats/alerts?group_by=country");
}

TEST_F(FollowerTest, WriteToFollowerIsRedirectedAndLandsOnce) {
  StartPrimary();
  FollowerProcess follower(*primary_);
  const int64_t before = Get(primary_->port(), "/api/v1/alerts").Json().at("total").as_int64();

  const std::string body = json::serialize(AlertJson("Sent to a follower"));
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/json"}, {"Idempotency-Key", "k-1"}};
  HttpResult redirected =
      Send(follower.port(), {"POST", "/api/v1/alerts", body, headers, partner_});
  ASSERT_EQ(redirected.status, 307) << redirected.body;
  const std::string location = redirected.Header("location");
  const std::string primary_url = "http://127.0.0.1:" + std::to_string(primary_->port());
  ASSERT_EQ(location, primary_url + "/api/v1/alerts");
  EXPECT_EQ(redirected.Header("cache-control"), "no-store");
  // Every other write is redirected the same way, whatever the route (and its query).
  for (const auto& [method, target] :
       std::vector<std::pair<std::string, std::string>>{{"PATCH", "/api/v1/alerts/1"},
                                                        {"DELETE", "/api/v1/tokens/tok_x"},
                                                        {"POST", "/signin?lang=fr"},
                                                        {"POST", "/nowhere"}}) {
    HttpResult other = Send(follower.port(), {method, target, "{}", {}, ""});
    EXPECT_EQ(other.status, 307) << method << " " << target;
    EXPECT_EQ(other.Header("location"), primary_url + target);
  }

  // The client repeats the request where Location says (a 307 keeps method and body).
  const std::string path = location.substr(primary_url.size());
  HttpResult created = Send(primary_->port(), {"POST", path, body, headers, partner_});
  ASSERT_EQ(created.status, 201) << created.body;
  // A retry of the same request (e.g. a client that also retried) does not land twice.
  HttpResult again = Send(primary_->port(), {"POST", path, body, headers, partner_});
  EXPECT_EQ(again.status, 200) << again.body;
  const int64_t id = created.Json().at("id").as_int64();
  HttpResult published =
      PostJson(primary_->port(), "/api/v1/alerts/" + std::to_string(id) + "/transitions",
               R"({"to":"published"})", editor_);
  ASSERT_EQ(published.status, 200);

  ASSERT_TRUE(WaitInStep(primary_->port(), follower.port()));
  EXPECT_EQ(Get(primary_->port(), "/api/v1/alerts").Json().at("total").as_int64(), before + 1);
  EXPECT_EQ(Get(follower.port(), "/api/v1/alerts").Json().at("total").as_int64(), before + 1);
}

TEST_F(FollowerTest, KilledPrimaryLeavesFollowersServingTheLastStateAndUnready) {
  StartPrimary();
  FollowerProcess first(*primary_, /*max_lag_ms=*/500);
  FollowerProcess second(*primary_, /*max_lag_ms=*/500);
  const int64_t id = Publish(primary_->port(), "The last write");
  ASSERT_TRUE(WaitInStep(primary_->port(), first.port()));
  ASSERT_TRUE(WaitInStep(primary_->port(), second.port()));
  const std::string target = "/api/v1/alerts/" + std::to_string(id);
  const HttpResult last = Get(primary_->port(), target);
  const HttpResult stats = Get(primary_->port(), "/api/v1/stats/detentions");
  EXPECT_EQ(Get(first.port(), "/readyz").status, 200);

  primary_->Kill(SIGKILL);
  primary_->Wait();

  for (const FollowerProcess* follower : {&first, &second}) {
    HttpResult ready;
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
      ready = Get(follower->port(), "/readyz");
      if (ready.status == 503) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(ready.status, 503) << ready.body;
    json::value body = ready.Json();
    EXPECT_EQ(body.at("status"), "not ready");
    EXPECT_EQ(body.at("role"), "follower");
    EXPECT_GT(body.at("lag").at("ms").to_number<int64_t>(), 500);
    EXPECT_EQ(body.at("lag").at("primary_running"), false);

    HttpResult seen = Get(follower->port(), target);
    EXPECT_EQ(seen.status, 200);
    EXPECT_TRUE(seen.body == last.body);
    EXPECT_EQ(seen.Header("etag"), last.Header("etag"));
    EXPECT_TRUE(Get(follower->port(), "/api/v1/stats/detentions").body == stats.body);
  }

  // The primary comes back (recovering its log, switching to a new MANIFEST): the followers
  // pick up where they were, see its new writes and are ready again.
  primary_->Restart();
  const int64_t next = Publish(primary_->port(), "After the restart");
  for (const FollowerProcess* follower : {&first, &second}) {
    ASSERT_TRUE(WaitInStep(primary_->port(), follower->port()));
    EXPECT_EQ(Get(follower->port(), "/api/v1/alerts/" + std::to_string(next)).status, 200);
    HttpResult ready;
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline && ready.status != 200) {
      ready = Get(follower->port(), "/readyz");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(ready.status, 200) << ready.body;
    ExpectSameAnswer(primary_->port(), follower->port(), "/api/v1/stats/detentions");
  }
}

// --- nginx in front, configured as docs/deploy.md says -------------------------------------

// The nginx block of docs/deploy.md, between its markers.
std::string DeployRecipe() {
  std::ifstream in(std::string(SOJ_SOURCE_DIR) + "/docs/deploy.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::string begin_marker = "<!-- soj-nginx-recipe:begin -->\n```nginx\n";
  const std::string end_marker = "```\n<!-- soj-nginx-recipe:end -->";
  const auto begin = doc.find(begin_marker);
  const auto end = doc.find(end_marker);
  if (begin == std::string::npos || end == std::string::npos) return "";
  return doc.substr(begin + begin_marker.size(), end - begin - begin_marker.size());
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

uint16_t FreePort() {
  // The kernel's choice for an ephemeral bind, released at once: good enough for a test.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// nginx started from the recipe of docs/deploy.md, with only its ports and paths swapped for
// the test's: the primary and two followers behind it. Stopped (and bounded by timeout(1))
// when it goes.
class NginxFromRecipe {
 public:
  static constexpr const char* kBinary = "/usr/sbin/nginx";
  static bool Installed() { return ::access(kBinary, X_OK) == 0; }

  NginxFromRecipe(const ServerProcess& primary, const FollowerProcess& first,
                  const FollowerProcess& second) {
    std::string recipe = DeployRecipe();
    if (recipe.empty()) throw std::runtime_error("docs/deploy.md has no recipe between markers");
    port_ = FreePort();
    ReplaceAll(recipe, "127.0.0.1:8000", "127.0.0.1:" + std::to_string(port_));
    ReplaceAll(recipe, "127.0.0.1:8080", "127.0.0.1:" + std::to_string(primary.port()));
    ReplaceAll(recipe, "127.0.0.1:8081", "127.0.0.1:" + std::to_string(first.port()));
    ReplaceAll(recipe, "127.0.0.1:8082", "127.0.0.1:" + std::to_string(second.port()));
    ReplaceAll(recipe, "/var/cache/nginx/soj-tracker", dir_.str() + "/cache");
    const std::string conf = dir_.str() + "/nginx.conf";
    {
      // What Debian's /etc/nginx/nginx.conf gives the recipe, with every path in the temp dir.
      std::ofstream out(conf);
      out << (::getuid() == 0 ? "user root;\n" : "") << "worker_processes 1;\n"
          << "events { worker_connections 256; }\n"
          << "http {\n"
          << "  access_log off;\n"
          << "  client_body_temp_path " << dir_.str() << "/body;\n"
          << "  proxy_temp_path " << dir_.str() << "/proxy;\n"
          << "  fastcgi_temp_path " << dir_.str() << "/fastcgi;\n"
          << "  uwsgi_temp_path " << dir_.str() << "/uwsgi;\n"
          << "  scgi_temp_path " << dir_.str() << "/scgi;\n"
          << recipe << "}\n";
    }
    const std::string globals = "daemon off; pid " + dir_.str() + "/nginx.pid; error_log " +
                                dir_.str() + "/error.log warn;";
    CommandResult checked =
        RunCommand({kBinary, "-t", "-p", dir_.str(), "-c", conf, "-g", globals});
    if (checked.exit_code != 0) throw std::runtime_error("nginx -t: " + checked.err);
    // Bounded: timeout(1) ends nginx even if the test dies before it does.
    child_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        "/usr/bin/timeout", "120", kBinary, "-p", dir_.str(), "-c", conf, "-g", globals});
    for (int i = 0; i < 100; ++i) {
      try {
        if (Get(port_, "/healthz").status == 200) return;
      } catch (const std::exception&) {  // not listening yet
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("nginx did not start");
  }
  ~NginxFromRecipe() {
    child_->Kill(SIGTERM);
    child_->Wait();
  }
  uint16_t port() const { return port_; }

 private:
  TempDir dir_;
  uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> child_;
};

TEST_F(FollowerTest, NginxRecipeNeverServesAStaleAlert) {
  if (!NginxFromRecipe::Installed())
    GTEST_SKIP() << "nginx is not installed (tools/setup.sh installs it): the recipe is untested";
  StartPrimary();
  FollowerProcess first(*primary_);
  FollowerProcess second(*primary_);
  NginxFromRecipe nginx(*primary_, first, second);
  const uint16_t port = nginx.port();

  // Writes go through nginx to the primary; cacheable reads come back from nginx's cache.
  const int64_t id = Publish(port, "Through nginx");
  const std::string alert = "/api/v1/alerts/" + std::to_string(id);
  ASSERT_TRUE(WaitInStep(primary_->port(), first.port()));
  ASSERT_TRUE(WaitInStep(primary_->port(), second.port()));
  Get(port, "/api/v1/countries");
  EXPECT_EQ(Get(port, "/api/v1/countries").Header("x-cache-status"), "HIT");
  EXPECT_NE(Get(port, alert).Header("x-cache-status"), "HIT");  // no-cache: never stored

  // A writer adds follow-ups (each bumps the alert's version) while readers read through nginx.
  // The documented bound for an alert: never cached, so at most the followers' lag (1 s).
  struct Ack {
    Clock::time_point at;
    int64_t version;
  };
  struct Read {
    Clock::time_point started;
    int64_t version;
  };
  std::mutex mutex;
  std::vector<Ack> acks;
  std::vector<Read> reads;
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::thread writer([&] {
    for (int i = 0; i < 15; ++i) {
      HttpResult added = PostJson(port, alert + "/updates",
                                  R"({"text":"Follow-up )" + std::to_string(i) + R"("})", editor_);
      if (added.status != 201 && added.status != 200) {
        ++failures;
        continue;
      }
      std::lock_guard lock(mutex);
      acks.push_back({Clock::now(), added.Json().at("version").as_int64()});
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&, r] {
      int n = 0;
      while (!done) {
        if (++n % 3 == 0) {  // the rest of the mix: lists and statistics, from the cache
          Get(port, r == 0 ? "/api/v1/alerts?limit=5" : "/api/v1/stats/detentions");
          continue;
        }
        const auto started = Clock::now();
        HttpResult seen = Get(port, alert);
        if (seen.status != 200) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mutex);
        reads.push_back({started, seen.Json().at("version").as_int64()});
      }
    });
  }
  writer.join();
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_FALSE(acks.empty());
  ASSERT_GT(reads.size(), 20u);
  const auto bound = std::chrono::milliseconds(1000);
  std::size_t stale = 0;
  for (const Read& read : reads) {
    int64_t expected = 0;  // the newest version acknowledged more than `bound` before the read
    for (const Ack& ack : acks)
      if (ack.at + bound <= read.started) expected = std::max(expected, ack.version);
    if (read.version < expected) ++stale;
  }
  EXPECT_EQ(stale, 0u) << "of " << reads.size() << " reads";
  // And the cache ends where the primary is, within the bound.
  std::this_thread::sleep_for(bound);
  EXPECT_EQ(Get(port, alert).Json().at("version").as_int64(), acks.back().version);
  std::set<int64_t> versions;
  for (const Read& read : reads) versions.insert(read.version);
  std::fprintf(stderr, "nginx: %zu alert reads saw %zu versions of %zu writes\n", reads.size(),
               versions.size(), acks.size());
}

// The rule "No cache keeps a name" (docs/security.md) through the documented nginx: every
// answer that names a victim is revalidated on every use, so the first request after an editor
// withholds the name (once the servers behind have it) no longer shows it, and nginx never
// falls back to a stored copy when the servers are down.
TEST_F(FollowerTest, ANameWithheldNowIsGoneFromWhatNginxServesWithinOneRevalidation) {
  if (!NginxFromRecipe::Installed())
    GTEST_SKIP() << "nginx is not installed (tools/setup.sh installs it): the recipe is untested";
  StartPrimary();
  auto first = std::make_unique<FollowerProcess>(*primary_);
  auto second = std::make_unique<FollowerProcess>(*primary_);
  NginxFromRecipe nginx(*primary_, *first, *second);
  const uint16_t port = nginx.port();

  // A murdered journalist with an unpunished case: named in the alert, its page, lists, feeds,
  // exports and the impunity statistics.
  const std::string name = "Zoryana Kvitkovska";
  json::object alert = AlertJson("Journalist killed in Minsk");
  alert["categories"] = json::array{"attack", "impunity"};
  alert["impunity"] = json::object{{"murder", true}, {"justice", "none"}, {"since", "2024-03-20"}};
  json::object victim = {{"name", name},
                         {"kind", "journalist"},
                         {"outlet", "Kvitka Weekly"},
                         {"killed_on", "2024-03-14"}};
  alert["victims"] = json::array{victim};
  HttpResult created = PostJson(port, "/api/v1/alerts", json::serialize(alert), partner_);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json().at("id").as_int64());
  HttpResult published =
      PostJson(port, "/api/v1/alerts/" + id + "/transitions", R"({"to":"published"})", editor_);
  ASSERT_EQ(published.status, 200) << published.body;
  ASSERT_TRUE(WaitInStep(primary_->port(), first->port()));
  ASSERT_TRUE(WaitInStep(primary_->port(), second->port()));

  const std::vector<std::string> naming = {"/alerts/" + id,
                                           "/api/v1/alerts/" + id,
                                           "/api/v1/alerts?country=BY",
                                           "/feeds/alerts.json",
                                           "/feeds/alerts.atom",
                                           "/api/v1/export?format=csv",
                                           "/api/v1/export?format=ndjson",
                                           "/api/v1/stats/impunity",
                                           "/api/v1/stats/impunity?format=csv"};
  // Asked twice: a cache that may keep them has them now.
  for (const std::string& target : naming) {
    for (int i = 0; i < 2; ++i) {
      HttpResult seen = Get(port, target);
      ASSERT_EQ(seen.status, 200) << target;
      ASSERT_NE(seen.body.find(name), std::string::npos) << target << " does not name the victim";
    }
  }
  // nginx does keep what names no one.
  Get(port, "/api/v1/countries");
  EXPECT_EQ(Get(port, "/api/v1/countries").Header("x-cache-status"), "HIT");

  // The editor withholds the name, through nginx (it goes to the primary).
  HttpResult current = Get(primary_->port(), "/api/v1/alerts/" + id, editor_);
  victim["withheld"] = true;
  HttpResult withheld =
      Send(port, HttpCall{"PATCH",
                          "/api/v1/alerts/" + id,
                          json::serialize(json::object{{"victims", json::array{victim}}}),
                          {{"Content-Type", "application/merge-patch+json"},
                           {"If-Match", current.Header("etag")}},
                          editor_});
  ASSERT_EQ(withheld.status, 200) << withheld.body;
  ASSERT_TRUE(WaitInStep(primary_->port(), first->port()));
  ASSERT_TRUE(WaitInStep(primary_->port(), second->port()));
  for (const std::string& target : naming) {
    HttpResult seen = Get(port, target);
    EXPECT_EQ(seen.status, 200) << target;
    EXPECT_EQ(seen.body.find(name), std::string::npos)
        << target << " still names the victim (X-Cache-Status: " << seen.Header("x-cache-status")
        << ")";
  }

  // Every server behind nginx stops: nginx has no stored copy of a named answer to fall back on.
  first.reset();
  second.reset();
  primary_->Kill(SIGKILL);
  primary_->Wait();
  for (const std::string& target : naming) {
    HttpResult seen = Get(port, target);
    EXPECT_NE(seen.status, 200) << target << " was served from nginx's cache";
    EXPECT_EQ(seen.body.find(name), std::string::npos) << target;
  }
}

}  // namespace
}  // namespace soj::testing
