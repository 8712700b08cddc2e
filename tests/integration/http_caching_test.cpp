// HTTP caching over a real server: validators (ETag, Last-Modified, 304), Cache-Control per
// kind of answer, and gzip content coding with its own entity tags.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "tests/gunzip.hpp"
#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;

class HttpCachingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    partner_ = new std::string(server_->CreateToken("partner", "efj"));
    editor_ = new std::string(server_->CreateToken("editor"));
    published_ = Submit(true);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete partner_;
    delete editor_;
  }

  // Submits an alert with a long description (its JSON is well over 1 KB) and publishes it.
  static std::string Submit(bool publish) {
    json::object alert{
        {"title", "Journalist detained after covering protest"},
        {"description", std::string(3000, 'x')},
        {"country", "BY"},
        {"incident_date", "2024-03-14"},
        {"categories", json::array{"detention"}},
        {"threat_source", "state"},
        {"level", 1},
        {"victims", json::array{json::object{
                        {"name", "Withheld Person"}, {"withheld", true}, {"kind", "journalist"}}}}};
    auto created = PostJson(server_->port(), "/api/v1/alerts", json::serialize(alert), *partner_);
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string id = std::to_string(created.Json().at("id").as_int64());
    if (publish) {
      auto published = PostJson(server_->port(), "/api/v1/alerts/" + id + "/transitions",
                                R"({"to":"published"})", *editor_);
      EXPECT_EQ(published.status, 200) << published.body;
    }
    return id;
  }

  static HttpResult Call(const std::string& target,
                         std::vector<std::pair<std::string, std::string>> headers = {},
                         const std::string& token = "", const std::string& method = "GET") {
    return Send(server_->port(), {method, target, "", std::move(headers), token});
  }

  static inline ServerProcess* server_ = nullptr;
  static inline std::string* partner_ = nullptr;
  static inline std::string* editor_ = nullptr;
  static inline std::string published_;
};

TEST_F(HttpCachingTest, AnAlertIsRevalidatedByItsVersion) {
  const std::string path = "/api/v1/alerts/" + published_;
  HttpResult read = Call(path);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.Header("etag"), "\"2\"");
  EXPECT_EQ(read.Header("cache-control"), "public, no-cache");
  EXPECT_TRUE(read.Header("last-modified").ends_with(" GMT")) << read.Header("last-modified");
  EXPECT_EQ(read.Header("content-encoding"), "");

  HttpResult same = Call(path, {{"If-None-Match", "\"2\""}});
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.body, "");
  EXPECT_EQ(same.Header("etag"), "\"2\"");
  EXPECT_EQ(same.Header("cache-control"), "public, no-cache");
  EXPECT_EQ(same.Header("last-modified"), read.Header("last-modified"));
  EXPECT_EQ(Call(path, {{"If-None-Match", "\"1\""}}).status, 200);

  // With a token: never stored by shared caches, still revalidated.
  HttpResult mine = Call(path, {{"If-None-Match", "\"2\""}}, *partner_);
  EXPECT_EQ(mine.status, 304);
  EXPECT_EQ(mine.Header("cache-control"), "private, no-store");
}

TEST_F(HttpCachingTest, GzipHasItsOwnEntityTagAndRespectsQZero) {
  const std::string path = "/api/v1/alerts/" + published_;
  HttpResult plain = Call(path);
  HttpResult packed = Call(path, {{"Accept-Encoding", "br, gzip;q=0.8"}});
  ASSERT_EQ(packed.status, 200);
  EXPECT_EQ(packed.Header("content-encoding"), "gzip");
  EXPECT_EQ(packed.Header("etag"), "\"2-gzip\"");
  EXPECT_EQ(packed.Header("vary"), "Authorization, Accept-Encoding");
  EXPECT_EQ(plain.Header("vary"), "Authorization, Accept-Encoding");
  EXPECT_EQ(Gunzip(packed.body), plain.body);
  EXPECT_EQ(std::stoul(packed.Header("content-length")), packed.body.size());

  HttpResult refused = Call(path, {{"Accept-Encoding", "gzip;q=0, *"}});
  EXPECT_EQ(refused.Header("content-encoding"), "");
  EXPECT_EQ(refused.body, plain.body);

  // Each coding revalidates with its own tag, and the 304 names the tag the client holds.
  HttpResult same = Call(path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", "\"2-gzip\""}});
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.Header("etag"), "\"2-gzip\"");

  // HEAD carries the headers GET would, Content-Length of the coded body included.
  HttpResult head = Call(path, {{"Accept-Encoding", "gzip"}}, "", "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  for (const char* name : {"content-encoding", "content-length", "etag", "vary", "cache-control"})
    EXPECT_EQ(head.Header(name), packed.Header(name)) << name;
}

TEST_F(HttpCachingTest, SmallAnswersAreNotCompressed) {
  HttpResult health = Call("/healthz", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Header("content-encoding"), "");
  EXPECT_EQ(health.Header("cache-control"), "no-store");
}

TEST_F(HttpCachingTest, ListsRevalidateWithoutRunningTheQueryUntilSomethingCommits) {
  const std::string path = "/api/v1/alerts?country=BY&limit=10";
  HttpResult first = Call(path);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.Header("cache-control"), "public, no-cache");
  const std::string etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  HttpResult same = Call(path, {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.Header("etag"), etag);
  EXPECT_EQ(same.Header("cache-control"), "public, no-cache");
  // Another query, or another caller, never shares the tag.
  EXPECT_NE(Call(path + "&level=1").Header("etag"), etag);
  EXPECT_NE(Call(path, {}, *partner_).Header("etag"), etag);

  Submit(true);
  HttpResult changed = Call(path, {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.Header("etag"), etag);
  EXPECT_EQ(changed.Json().at("total"), first.Json().at("total").as_int64() + 1);
}

// A kept answer of 32 KiB or more is sent from its in-memory file with sendfile(2)
// (api/body_file.hpp): the bytes must be the same as built, whole, and the connection usable.
TEST_F(HttpCachingTest, LargeKeptAnswersAreSentWholeAndTheConnectionGoesOn) {
  for (int i = 0; i < 12; ++i) Submit(true);  // each over 3 KB of JSON
  const std::string path = "/api/v1/alerts?country=BY&limit=50";
  HttpResult built = Call(path);
  ASSERT_EQ(built.status, 200);
  ASSERT_GE(built.body.size(), 32u << 10) << "too small to be sent from a file";
  EXPECT_EQ(built.Header("content-length"), std::to_string(built.body.size()));
  const auto total = built.Json().at("total").as_int64();
  EXPECT_EQ(static_cast<int64_t>(built.Json().at("items").as_array().size()), total);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Call(path).body, built.body) << "kept answer " << i;
  HttpResult head = Call(path, {}, "", "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-length"), std::to_string(built.body.size()));
  EXPECT_TRUE(head.body.empty());

  // Three answers on one connection, the last asked to close it: every byte of each arrives.
  const std::string ask = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const std::string raw =
      SendRaw(server_->port(), ask + ask + "GET " + path +
                                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  std::size_t answers = 0;
  for (std::size_t at = raw.find("HTTP/1.1 200 OK"); at != std::string::npos;
       at = raw.find("HTTP/1.1 200 OK", at + 1)) {
    const std::size_t body = raw.find("\r\n\r\n", at);
    ASSERT_NE(body, std::string::npos);
    EXPECT_EQ(raw.substr(body + 4, built.body.size()), built.body) << "answer " << answers;
    ++answers;
  }
  EXPECT_EQ(answers, 3u);
}

// A client that stops reading and then resets the connection while large answers are sent
// from their file must cost the server nothing: sendfile(2) on a reset socket raises SIGPIPE,
// which ends a process that does not ignore it.
TEST_F(HttpCachingTest, AClientResettingMidAnswerLeavesTheServerServing) {
  for (int i = 0; i < 12; ++i) Submit(true);
  const std::string path = "/api/v1/alerts?country=BY&limit=50";
  const std::size_t size = Call(path).body.size();
  ASSERT_GE(size, 32u << 10) << "too small to be sent from a file";
  std::string asks;
  // More than the largest socket buffers hold (tcp_wmem's 4 MB), so the server must wait.
  for (std::size_t sent = 0; sent < (8u << 20); sent += size)
    asks += "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  for (int round = 0; round < 3; ++round) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(fd, 0);
    const int small = 4096;  // a client that reads nothing fills up at once
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server_->port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::send(fd, asks.data(), asks.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(asks.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the server is stuck sending
    const linger reset{1, 0};                                     // close with RST
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    ::close(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(Call("/healthz").status, 200) << "the server did not survive the resets";
}

TEST_F(HttpCachingTest, StatisticsRevalidateOnEveryUseAndReferenceDataIsKeptAnHour) {
  for (const std::string path : {"/api/v1/stats/detentions?country=BY", "/api/v1/countries"}) {
    HttpResult first = Call(path);
    ASSERT_EQ(first.status, 200) << path;
    EXPECT_EQ(first.Header("cache-control"),
              path.starts_with("/api/v1/stats") ? "public, no-cache" : "public, max-age=3600");
    EXPECT_EQ(Call(path, {{"If-None-Match", first.Header("etag")}}).status, 304) << path;
    EXPECT_EQ(Call(path, {}, *partner_).Header("cache-control"), "private, no-store") << path;
  }
}

TEST_F(HttpCachingTest, DraftsStayInvisibleInExportsAndTheirValidators) {
  const std::string draft = Submit(false);
  HttpResult exported = Call("/api/v1/export?format=ndjson&country=BY");
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.body.find("\"id\":" + draft + ","), std::string::npos);
  EXPECT_EQ(exported.body.find("Withheld Person"), std::string::npos);
  HttpResult partner = Call("/api/v1/export?format=ndjson&country=BY", {}, *partner_);
  EXPECT_NE(partner.body.find("\"id\":" + draft + ","), std::string::npos);
  EXPECT_NE(partner.body.find("Withheld Person"), std::string::npos);
  EXPECT_EQ(Call("/api/v1/alerts/" + draft).status, 404);
  EXPECT_EQ(Call("/api/v1/alerts/" + draft, {{"If-None-Match", "\"1\""}}).status, 404);
}

}  // namespace
}  // namespace soj::testing
