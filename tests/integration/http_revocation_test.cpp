// Revocation ends access everywhere a credential outlives its request, against a real server:
// a long poll parked with a token that is revoked meanwhile is answered 401 (not resumed with
// the token's view), and an export streaming with a token that is revoked mid-way stops
// before its end; and an export reader slower than the minimum rate is cut off in bounded
// time instead of pinning the export's snapshot. A store of large alerts (about 10 MB of NDJSON)
// keeps the export streaming long enough to act on it. Every wait is bounded.

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <fstream>
#include <future>
#include <thread>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// About 12 MB of NDJSON, in pieces of about 300 KB (the exporter's 256 alerts): more than the
// kernel's socket buffers hold, and pieces that a slow reader takes within one write timeout.
constexpr int kAlerts = 10'000;
constexpr std::size_t kDescriptionChars = 900;
// The bytes that end a chunked body; a stream cut short never sends them.
constexpr std::string_view kLastChunk = "\r\n0\r\n\r\n";

std::string Document(int64_t i) {
  json::object doc{{"id", i},
                   {"title", "Journalist " + std::to_string(i) + " detained"},
                   {"description", std::string(kDescriptionChars, 'x')},
                   {"country", "BY"},
                   {"incident_date", "2023-03-14"},
                   {"categories", json::array{"detention"}},
                   {"threat_source", "state"},
                   {"level", 1},
                   {"partners", json::array{"efj"}},
                   {"victims", json::array{json::object{{"name", "WITHHELD-" + std::to_string(i)},
                                                        {"withheld", true},
                                                        {"kind", "journalist"}}}},
                   {"status", "published"},
                   {"submitted_at", "2024-01-01T00:00:00Z"},
                   {"published_at", "2024-01-02T00:00:00Z"},
                   {"updated_at", "2024-01-03T00:00:00Z"},
                   {"version", 1}};
  return json::serialize(doc);
}

// A store holding kAlerts large published alerts of partner efj, each with a withheld victim.
void ImportLargeAlerts(const TempDir& data) {
  const std::string file = data.str() + "-alerts.ndjson";
  {
    std::ofstream out(file);
    for (int64_t i = 1; i <= kAlerts; ++i) out << Document(i) << '\n';
  }
  auto imported = RunAdmin({"import", file, "--data", data.str()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  std::remove(file.c_str());
}

// A client that asks for one answer and then reads it at the pace the test chooses, with a
// small receive buffer so that the server feels that pace.
class PacedReader {
 public:
  PacedReader(uint16_t port, const std::string& target, const std::string& token) {
    socket_.open(tcp::v4());
    socket_.set_option(asio::socket_base::receive_buffer_size(8192));
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
    request += "Connection: close\r\n\r\n";
    asio::write(socket_, asio::buffer(request));
  }

  // Reads at most `bytes` (what arrives within `wait`); false once the server closed.
  bool Read(std::size_t bytes, milliseconds wait) {
    pollfd fd{socket_.native_handle(), POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(wait.count())) <= 0) return true;
    std::string buffer(bytes, '\0');
    boost::system::error_code ec;
    const std::size_t n = socket_.read_some(asio::buffer(buffer), ec);
    received_.append(buffer, 0, n);
    return !ec;
  }
  // Reads as fast as it can until the server closes or `limit` passes; true when it closed.
  bool ReadToEnd(milliseconds limit) {
    const auto end = Clock::now() + limit;
    while (Clock::now() < end)
      if (!Read(1 << 16, milliseconds(50))) return true;
    return false;
  }
  const std::string& received() const { return received_; }

 private:
  asio::io_context io_;
  tcp::socket socket_{io_};
  std::string received_;
};

class HttpRevocationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir();
    ImportLargeAlerts(*data_);
    // A floor on the pace of stream readers (1 MiB/s) that a loopback reader passes easily and
    // the slow reader below does not, after a grace of one 10 s write timeout.
    server_ = new ServerProcess(
        {"--threads", "1", "--write-timeout-ms", "10000", "--stream-min-rate", "1048576"}, data_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
  }

  // A fresh partner token of efj: its secret and id.
  static std::pair<std::string, std::string> PartnerToken() {
    HttpResult issued = PostJson(server_->port(), "/api/v1/tokens",
                                 R"({"role":"partner","partner":"efj","name":"to revoke"})",
                                 server_->admin_token());
    EXPECT_EQ(issued.status, 201) << issued.body;
    return {std::string(issued.Json().at("secret").as_string()),
            std::string(issued.Json().at("id").as_string())};
  }
  static void Revoke(const std::string& id) {
    HttpResult revoked =
        Send(server_->port(), {"DELETE", "/api/v1/tokens/" + id, "", {}, server_->admin_token()});
    ASSERT_EQ(revoked.status, 200) << revoked.body;
  }

  static TempDir* data_;
  static ServerProcess* server_;
};
TempDir* HttpRevocationTest::data_ = nullptr;
ServerProcess* HttpRevocationTest::server_ = nullptr;

TEST_F(HttpRevocationTest, ALongPollParkedWithATokenRevokedMeanwhileIsAnswered401AtOnce) {
  const auto [secret, id] = PartnerToken();
  // The cursor after every change there is, so the poll parks.
  std::string cursor;
  for (int guard = 0; guard < 200; ++guard) {
    HttpResult page =
        Get(server_->port(),
            "/api/v1/changes?limit=200" + (cursor.empty() ? "" : "&since=" + cursor), secret);
    ASSERT_EQ(page.status, 200) << page.body;
    cursor = std::string(page.Json().at("next_cursor").as_string());
    if (!page.Json().at("more").as_bool()) break;
  }
  const auto start = Clock::now();
  auto poll = std::async(std::launch::async, [&, secret = secret] {
    return Get(server_->port(), "/api/v1/changes?wait=20&since=" + cursor, secret);
  });
  std::this_thread::sleep_for(milliseconds(500));  // parked by now
  ASSERT_EQ(poll.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  Revoke(id);
  ASSERT_EQ(poll.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  const HttpResult answer = poll.get();
  EXPECT_EQ(answer.status, 401) << answer.body;
  EXPECT_EQ(answer.body.find("WITHHELD-"), std::string::npos);
  EXPECT_EQ(answer.body.find(secret), std::string::npos);
  // Woken by the revocation itself, not by the poll's 20 s deadline.
  EXPECT_LT(MillisSince(start), 5000);
}

TEST_F(HttpRevocationTest, AnExportStreamingWithATokenRevokedMidwayStopsBeforeItsEnd) {
  const auto [secret, id] = PartnerToken();
  // The whole export, as the token may read it while it stands: the names are in it.
  const HttpResult whole = Get(server_->port(), "/api/v1/export?format=ndjson", secret);
  ASSERT_EQ(whole.status, 200);
  ASSERT_NE(whole.body.find("WITHHELD-" + std::to_string(kAlerts)), std::string::npos);

  PacedReader reader(server_->port(), "/api/v1/export?format=ndjson", secret);
  // The header and the first rows, then the server waits on the full buffers.
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(reader.Read(8192, milliseconds(200)));
  ASSERT_NE(reader.received().find("200 OK"), std::string::npos);
  Revoke(id);
  ASSERT_TRUE(reader.ReadToEnd(std::chrono::seconds(30))) << "the connection stayed open";
  const std::string& got = reader.received();
  // Ended without the last chunk, well before the whole export: what was already in the
  // socket buffers when the token was revoked, and no piece made after.
  EXPECT_FALSE(got.ends_with(kLastChunk));
  EXPECT_LT(got.size(), whole.body.size() / 2);
}

TEST_F(HttpRevocationTest, AnExportReaderSlowerThanTheMinimumRateIsCutOffInBoundedTime) {
  // A fast reader takes the whole export under the same floor (the first test's Get did too).
  const HttpResult whole = Get(server_->port(), "/api/v1/export?format=ndjson");
  ASSERT_EQ(whole.status, 200);
  ASSERT_GT(whole.body.size(), 10u << 20);
  ASSERT_TRUE(whole.body.ends_with("}\n"));
  // About 200 KB/s (16 KB, the receive buffer, every 50 ms or so). The kernel wakes a writer
  // whose 4 MB send buffer is full only once a third of it is free, so each write waits about
  // 6 s: within the 10 s write timeout, which alone would let this reader hold the export (and
  // its snapshot) open for a minute. The floor cuts it after about three such waits.
  PacedReader reader(server_->port(), "/api/v1/export?format=ndjson", "");
  const auto start = Clock::now();
  bool closed = false;
  while (!closed && MillisSince(start) < 30'000) {
    closed = !reader.Read(16384, milliseconds(50));
    std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_TRUE(closed) << "still streaming after 30 s, " << reader.received().size() << " bytes";
  EXPECT_FALSE(reader.received().ends_with(kLastChunk));
  EXPECT_LT(reader.received().size(), whole.body.size());
}

}  // namespace
}  // namespace soj::testing
