// Abuse on 127.0.0.1: attackers from 127.0.0.2 (slow loris, slow reader, huge header, huge
// body, deep JSON, pipelined floods, a connection flood) each get their status or a closed
// connection, while a well-behaved client on 127.0.0.1 keeps being served in its normal time.
// Every attack is bounded in time and count.

#include <gtest/gtest.h>
#include <poll.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A blocking connection from `from` (a loopback address) to the server.
struct RawClient {
  asio::io_context io;
  tcp::socket socket{io};
  RawClient(const char* from, uint16_t port) {
    socket.open(tcp::v4());
    socket.bind(tcp::endpoint(asio::ip::make_address(from), 0));
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  bool Send(const std::string& bytes) {
    boost::system::error_code ec;
    asio::write(socket, asio::buffer(bytes), ec);
    return !ec;
  }
  // Reads until the peer closes or `limit` passes; returns what came.
  std::string ReadAll(milliseconds limit) {
    std::string out;
    const auto end = Clock::now() + limit;
    char buffer[65536];
    while (Clock::now() < end) {
      // poll, then a read that cannot block: the socket stays blocking for a sender thread.
      pollfd fd{socket.native_handle(), POLLIN, 0};
      if (::poll(&fd, 1, 20) <= 0) continue;
      boost::system::error_code ec;
      const std::size_t n = socket.read_some(asio::buffer(buffer), ec);
      out.append(buffer, n);
      if (ec) break;
    }
    return out;
  }
};

// The good client: one request at a time, recording success and the slowest answer.
struct GoodClient {
  std::atomic<int> ok{0}, failed{0};
  std::atomic<int64_t> slowest_ms{0};
  void Run(uint16_t port, const std::atomic<bool>& stop) {
    while (!stop) {
      const auto start = Clock::now();
      try {
        HttpResult r = Get(port, "/api/v1/alerts?limit=5");
        (r.status == 200 ? ok : failed)++;
      } catch (const std::exception&) {
        failed++;
      }
      const int64_t ms = MillisSince(start);
      if (ms > slowest_ms) slowest_ms = ms;
      std::this_thread::sleep_for(milliseconds(50));
    }
  }
};

int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
  return std::stoi(response.substr(9, 3));
}

class HttpAbuseTest : public ::testing::Test {
 protected:
  HttpAbuseTest()
      : server_({"--rate-limit-ip", "50", "--rate-burst-ip", "100", "--max-connections-per-ip",
                 "32", "--header-timeout-ms", "1000", "--max-body", "65536"}) {}

  // Runs `attack` while the good client works; expects the good client never failed and
  // never waited more than a second (its normal latency here is a few milliseconds).
  void UnderAttack(const std::function<void()>& attack) {
    std::atomic<bool> stop{false};
    GoodClient good;
    const auto start = Clock::now();
    std::thread client([&] { good.Run(server_.port(), stop); });
    attack();
    // The good client gets at least two seconds of the attack's aftermath too.
    std::this_thread::sleep_until(
        std::max(start + milliseconds(2000), Clock::now() + milliseconds(200)));
    stop = true;
    client.join();
    EXPECT_GT(good.ok.load(), 5);
    EXPECT_EQ(good.failed.load(), 0);
    EXPECT_LT(good.slowest_ms.load(), 1000);
  }

  ServerProcess server_;
};

TEST_F(HttpAbuseTest, SlowLorisConnectionsAreCutAfterTheHeaderTimeoutWith408) {
  UnderAttack([&] {
    std::vector<std::unique_ptr<RawClient>> loris;
    for (int i = 0; i < 20; ++i) {
      loris.push_back(std::make_unique<RawClient>("127.0.0.2", server_.port()));
      loris.back()->Send("GET /api/v1/alerts HTTP/1.1\r\nHost: x\r\n");
    }
    const auto start = Clock::now();
    for (int tick = 0; tick < 8; ++tick) {  // one header byte per 100 ms, within 1 s
      for (auto& c : loris) c->Send("X");
      std::this_thread::sleep_for(milliseconds(100));
    }
    for (auto& c : loris) {
      const std::string answer = c->ReadAll(milliseconds(2000));
      EXPECT_EQ(StatusOf(answer), 408) << answer.substr(0, 80);
    }
    EXPECT_LT(MillisSince(start), 5000);
  });
}

TEST_F(HttpAbuseTest, HugeHeadersAre431HugeBodiesAre413DeepJsonIs400) {
  const std::string token = server_.CreateToken("partner", "efj");
  UnderAttack([&] {
    for (int i = 0; i < 5; ++i) {
      RawClient header("127.0.0.2", server_.port());
      header.Send("GET / HTTP/1.1\r\nHost: x\r\nX-Junk: " + std::string(32 << 10, 'a') +
                  "\r\n\r\n");
      EXPECT_EQ(StatusOf(header.ReadAll(milliseconds(2000))), 431);
      RawClient body("127.0.0.2", server_.port());
      body.Send(
          "POST /api/v1/alerts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          "Content-Length: 10000000\r\n\r\n" +
          std::string(1000, '{'));
      EXPECT_EQ(StatusOf(body.ReadAll(milliseconds(2000))), 413);
      std::string deep;
      for (int d = 0; d < 5000; ++d) deep += "{\"a\":";
      RawClient nested("127.0.0.2", server_.port());
      nested.Send(
          "POST /api/v1/alerts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          "Authorization: Bearer " +
          token + "\r\nContent-Length: " + std::to_string(deep.size()) +
          "\r\nConnection: close\r\n\r\n" + deep);
      EXPECT_EQ(StatusOf(nested.ReadAll(milliseconds(2000))), 400);
    }
  });
}

TEST_F(HttpAbuseTest, PipelinedFloodsAreRateLimitedWith429AndRetryAfter) {
  UnderAttack([&] {
    int limited = 0, served = 0;
    for (int round = 0; round < 4; ++round) {
      RawClient flood("127.0.0.2", server_.port());
      std::string many;
      for (int i = 0; i < 2000; ++i)
        many +=
            "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
            "GET /api/v1/countries HTTP/1.1\r\nHost: x\r\n\r\n";
      many += "GET /api/v1/countries HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      // Sent while the answers are read: neither side's buffers may fill up and stall.
      std::thread sender([&] { flood.Send(many); });
      const std::string answers = flood.ReadAll(milliseconds(10'000));
      sender.join();
      for (std::size_t at = answers.find("HTTP/1.1 "); at != std::string::npos;
           at = answers.find("HTTP/1.1 ", at + 1)) {
        const int status = std::stoi(answers.substr(at + 9, 3));
        (status == 429 ? limited : served)++;
      }
      if (round == 0) {
        EXPECT_NE(answers.find("Retry-After: "), std::string::npos);
      }
    }
    EXPECT_GT(limited, 1000);
    EXPECT_GT(served, 100);
  });
}

TEST_F(HttpAbuseTest, AConnectionFloodIsCutAtThePerAddressCap) {
  UnderAttack([&] {
    std::vector<std::unique_ptr<RawClient>> flood;
    for (int i = 0; i < 200; ++i)
      flood.push_back(std::make_unique<RawClient>("127.0.0.2", server_.port()));
    std::this_thread::sleep_for(milliseconds(300));
    int closed = 0;
    for (auto& c : flood) {
      // Closed by the server: readable at once, and the read ends (EOF or reset).
      pollfd fd{c->socket.native_handle(), POLLIN, 0};
      if (::poll(&fd, 1, 0) <= 0) continue;
      char byte;
      boost::system::error_code ec;
      c->socket.read_some(asio::buffer(&byte, 1), ec);
      if (ec) ++closed;
    }
    EXPECT_GE(closed, 200 - 32);
  });
}

TEST_F(HttpAbuseTest, SlowReadersOfABigAnswerDoNotHoldTheServer) {
  UnderAttack([&] {
    std::vector<std::unique_ptr<RawClient>> readers;
    for (int i = 0; i < 16; ++i) {
      readers.push_back(std::make_unique<RawClient>("127.0.0.2", server_.port()));
      // Asks for a large answer many times over and never reads a byte.
      std::string many;
      for (int r = 0; r < 50; ++r) many += "GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n";
      readers.back()->Send(many);
    }
    std::this_thread::sleep_for(milliseconds(1500));
  });
}

TEST_F(HttpAbuseTest, RepeatedBadTokensAreAnsweredMoreSlowly) {
  UnderAttack([&] {
    std::vector<int64_t> times;
    for (int i = 0; i < 6; ++i) {
      RawClient c("127.0.0.2", server_.port());
      const auto start = Clock::now();
      c.Send("GET /api/v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer soj_guess" +
             std::to_string(i) + "\r\nConnection: close\r\n\r\n");
      EXPECT_EQ(StatusOf(c.ReadAll(milliseconds(5000))), 401);
      times.push_back(MillisSince(start));
    }
    EXPECT_LT(times[0], 200);
    EXPECT_GE(times[4], 240);
    EXPECT_GE(times[5], 480);
  });
}

// Metrics flooding: every series is kept until restart, so whatever a client sends must be
// counted under labels from a fixed set.

// Keep-alive requests written as raw bytes (any method token a client may send), answers read
// with Beast's parser; reconnects when the server closes.
class MetricsFlood {
 public:
  // Connects from 127.0.0.2, so that the address rate limit of 127.0.0.1 (which reads
  // /metrics) is its own.
  explicit MetricsFlood(uint16_t port) : port_(port) {}

  // Returns the status, or 0 when the connection failed.
  int Request(const std::string& method, const std::string& target,
              const std::vector<std::pair<std::string, std::string>>& headers) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    if (!stream_) {
      stream_ = std::make_unique<beast::tcp_stream>(io_);
      stream_->socket().open(tcp::v4());
      stream_->socket().bind(tcp::endpoint(asio::ip::make_address("127.0.0.2"), 0));
      stream_->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
      buffer_.clear();
    }
    std::string bytes = method + " " + target + " HTTP/1.1\r\nHost: x\r\n";
    for (const auto& [name, value] : headers) bytes += name + ": " + value + "\r\n";
    bytes += "\r\n";
    stream_->expires_after(std::chrono::seconds(10));
    boost::system::error_code ec;
    asio::write(stream_->socket(), asio::buffer(bytes), ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(1 << 24);
    if (method == "HEAD") parser.skip(true);
    if (!ec) http::read(*stream_, buffer_, parser, ec);
    if (ec || !parser.is_done()) {
      stream_.reset();
      return 0;
    }
    const int status = static_cast<int>(parser.get().result_int());
    if (!parser.get().keep_alive()) stream_.reset();
    return status;
  }

 private:
  uint16_t port_;
  asio::io_context io_;
  std::unique_ptr<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
};

// The series of /metrics: every sample line without its value.
std::set<std::string> MetricsSeries(uint16_t port, const std::string& admin_token) {
  HttpResult metrics = Get(port, "/metrics", admin_token);
  EXPECT_EQ(metrics.status, 200);
  std::set<std::string> series;
  std::istringstream lines(metrics.body);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line[0] != '#') series.insert(line.substr(0, line.rfind(' ')));
  return series;
}

std::string RandomToken(std::mt19937& random, const char* alphabet, int min, int max) {
  const std::string_view letters(alphabet);
  std::string out(std::uniform_int_distribution<int>(min, max)(random), ' ');
  for (char& c : out)
    c = letters[std::uniform_int_distribution<std::size_t>(0, letters.size() - 1)(random)];
  return out;
}

// `count` requests with random methods (mostly invented tokens, some standard ones), random
// paths (junk, and routes with random ids and queries) and random extra headers.
void SendRandomRequests(MetricsFlood& flood, uint32_t seed, int count) {
  std::mt19937 random(seed);
  const char* kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const char* kPath = "abcdefghijklmnopqrstuvwxyz0123456789-._~";
  const std::vector<std::string> kMethods = {"GET",    "HEAD",    "POST", "PUT",
                                             "DELETE", "OPTIONS", "PATCH"};
  int answered = 0;
  for (int i = 0; i < count; ++i) {
    std::string method = std::uniform_int_distribution<int>(0, 4)(random) == 0
                             ? kMethods[random() % kMethods.size()]
                             : RandomToken(random, kUpper, 3, 12);
    std::string target;
    switch (random() % 4) {
      case 0:
        target = "/" + RandomToken(random, kPath, 1, 40);
        break;
      case 1:
        target = "/api/v1/alerts/" + std::to_string(random() % 1000000 + 100000);
        break;
      case 2:
        target = "/api/v1/" + RandomToken(random, kPath, 1, 20) + "/" +
                 RandomToken(random, kPath, 1, 20);
        break;
      default:
        target = "/feeds/" + RandomToken(random, kPath, 1, 20) + "?" +
                 RandomToken(random, kPath, 1, 10) + "=" + RandomToken(random, kPath, 0, 10);
    }
    std::vector<std::pair<std::string, std::string>> headers;
    for (int h = static_cast<int>(random() % 4); h > 0; --h)
      headers.emplace_back("X-" + RandomToken(random, kUpper, 1, 16),
                           RandomToken(random, kPath, 0, 30));
    answered += flood.Request(method, target, headers) != 0;
  }
  EXPECT_EQ(answered, count) << "every request gets an answer";
}

// Runs a warm-up that reaches every (method label, kind of path) pair, then 10,000 random
// requests: the set of series must not change (counts may grow).
void ExpectRandomRequestsAddNoSeries(const ServerProcess& server) {
  MetricsFlood flood(server.port());
  SendRandomRequests(flood, /*seed=*/1, /*count=*/1000);
  MetricsSeries(server.port(), server.admin_token());  // /metrics' own series
  const std::set<std::string> before = MetricsSeries(server.port(), server.admin_token());
  SendRandomRequests(flood, /*seed=*/2, /*count=*/10'000);
  const std::set<std::string> after = MetricsSeries(server.port(), server.admin_token());
  std::vector<std::string> added;
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                      std::back_inserter(added));
  EXPECT_TRUE(added.empty()) << added.size() << " new series, the first: " << added.front();
  EXPECT_LT(after.size(), 200u);
}

TEST(MetricsLabels, RandomMethodsAndPathsAddNoMetricsSeries) {
  ServerProcess server;
  ExpectRandomRequestsAddNoSeries(server);
}

// Answers refused by the address rate limit (429) are counted too, with the same labels. The
// flood's bucket is spent by its first requests and does not refill within the test.
TEST(MetricsLabels, RateLimitedRandomMethodsAddNoMetricsSeries) {
  ServerProcess server({"--rate-limit-ip", "0.001", "--rate-burst-ip", "3"});
  ExpectRandomRequestsAddNoSeries(server);
}

// Connection caps: per address, per network (IPv4 /24) and a reserve of the last slots for
// clients with a credential. Loopback gives many sources: 127.0.0.x is one /24, 127.0.1.x,
// 127.0.2.x … others.

// Asks `target` on `client`'s keep-alive connection and reads one answer; returns its status,
// or 0 when the server closed the connection without one.
int AskKeepAlive(RawClient& client, const std::string& target, const std::string& token = "") {
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: x\r\n";
  if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
  if (!client.Send(request + "\r\n")) return 0;
  std::string got;
  const auto end = Clock::now() + milliseconds(5000);
  char buffer[16384];
  while (Clock::now() < end) {
    const std::size_t header_end = got.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      std::string lower = got.substr(0, header_end);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const std::size_t length_at = lower.find("content-length: ");
      const std::size_t length =
          length_at == std::string::npos ? 0 : std::stoul(lower.substr(length_at + 16));
      if (got.size() >= header_end + 4 + length) return StatusOf(got);
    }
    pollfd fd{client.socket.native_handle(), POLLIN, 0};
    if (::poll(&fd, 1, 20) <= 0) continue;
    boost::system::error_code ec;
    const std::size_t n = client.socket.read_some(asio::buffer(buffer), ec);
    got.append(buffer, n);
    if (ec) return got.empty() ? 0 : StatusOf(got);
  }
  return 0;
}

TEST(ConnectionCaps, OneNetworkCannotTakeMoreThanItsPrefixCapWhileOthersGetIn) {
  ServerProcess server({"--max-connections-per-ip", "3", "--max-connections-per-prefix", "5",
                        "--max-connections", "40", "--reserved-connections", "4"});
  std::vector<std::unique_ptr<RawClient>> held;
  int answered = 0;
  // Three addresses of 127.0.0.0/24, three connections each, all kept open.
  for (const char* from : {"127.0.0.2", "127.0.0.3", "127.0.0.4"})
    for (int i = 0; i < 3; ++i) {
      held.push_back(std::make_unique<RawClient>(from, server.port()));
      answered += AskKeepAlive(*held.back(), "/healthz") == 200;
    }
  EXPECT_EQ(answered, 5) << "the /24 holds its cap, however many addresses it uses";
  // Another network is still served.
  RawClient other("127.0.1.2", server.port());
  EXPECT_EQ(AskKeepAlive(other, "/healthz"), 200);
}

TEST(ConnectionCaps, TheLastConnectionSlotsAreKeptForClientsWithAValidToken) {
  ServerProcess server({"--max-connections", "10", "--reserved-connections", "4",
                        "--max-connections-per-ip", "0", "--max-connections-per-prefix", "0"});
  const std::string token = server.CreateToken("analyst");
  // The harness's own connections (Connection: close) end before the flood begins.
  std::this_thread::sleep_for(milliseconds(300));
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 1; i <= 6; ++i) {
    const std::string from = "127.0.2." + std::to_string(i);
    held.push_back(std::make_unique<RawClient>(from.c_str(), server.port()));
    ASSERT_EQ(AskKeepAlive(*held.back(), "/healthz"), 200) << from;
  }
  // The first four slots that are left are reserved: without a credential, 503 and closed.
  RawClient anonymous("127.0.3.1", server.port());
  EXPECT_EQ(AskKeepAlive(anonymous, "/api/v1/countries"), 503);
  RawClient guessing("127.0.3.2", server.port());
  EXPECT_EQ(AskKeepAlive(guessing, "/api/v1/countries", "soj_not_a_token"), 503);
  // A client with a valid token gets in, and stays in.
  RawClient partner("127.0.3.3", server.port());
  EXPECT_EQ(AskKeepAlive(partner, "/api/v1/countries", token), 200);
  EXPECT_EQ(AskKeepAlive(partner, "/api/v1/countries", token), 200);
}

}  // namespace
}  // namespace soj::testing
