// The HTTP layer of the real soj-tracker binary, seen from raw sockets: keep-alive and
// pipelining, Connection: close, size limits (413, 431), malformed requests (400), slow clients
// (408 at the header timeout), the connection cap, HEAD, /metrics and the access log.

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/buffer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Takes one complete response off the front of `data`; nullopt while it is incomplete (or not
// HTTP at all: the caller reports the raw bytes then). `head`: the response to a HEAD request.
std::optional<HttpResult> TakeResponse(std::string& data, bool head = false) {
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(std::uint64_t{1} << 30);
  if (head) parser.skip(true);
  std::size_t used = 0;
  beast::error_code ec;
  while (!parser.is_done()) {
    std::size_t n = parser.put(asio::buffer(data.data() + used, data.size() - used), ec);
    used += n;
    if (ec || n == 0) return std::nullopt;  // need_more, or garbage
  }
  HttpResult result;
  result.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get())
    result.headers[Lower(std::string(field.name_string()))] = std::string(field.value());
  result.body = parser.get().body();
  data.erase(0, used);
  return result;
}

// All the responses in `raw`, in order; `heads[i]` marks the answer to a HEAD request.
std::vector<HttpResult> TakeResponses(std::string raw, const std::vector<bool>& heads = {}) {
  std::vector<HttpResult> out;
  while (!raw.empty()) {
    const bool head = out.size() < heads.size() && heads[out.size()];
    auto response = TakeResponse(raw, head);
    if (!response) break;
    out.push_back(std::move(*response));
  }
  return out;
}

// A plain blocking TCP client with poll() timeouts: lets a test hold connections open, write
// partial requests and see exactly when the server answers or closes.
class RawClient {
 public:
  explicit RawClient(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      throw std::runtime_error("connect failed");
  }
  ~RawClient() { Close(); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool Write(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Waits up to `timeout_ms` for bytes and appends them to buffer(). Returns false on timeout
  // or when the peer has closed (then closed() is true).
  bool ReadSome(int timeout_ms) {
    if (closed_) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char chunk[16384];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      closed_ = true;
      reset_ = n < 0;
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  // Reads until a complete response is buffered and returns it; nullopt if none arrives within
  // `timeout_ms` (or the server closed first).
  std::optional<HttpResult> ReadResponse(int timeout_ms, bool head = false) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      if (auto response = TakeResponse(buffer_, head)) return response;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0 || closed_) return std::nullopt;
      ReadSome(static_cast<int>(left.count()));
    }
  }

  // Reads (and keeps) everything until the server closes; true if it did within `timeout_ms`.
  bool WaitClosed(int timeout_ms) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!closed_) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return false;
      ReadSome(static_cast<int>(left.count()));
    }
    return true;
  }

  std::string& buffer() { return buffer_; }
  bool closed() const { return closed_; }
  bool reset() const { return reset_; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
  std::string buffer_;
  bool closed_ = false;
  bool reset_ = false;
};

std::string Request(const std::string& method, const std::string& target,
                    const std::string& extra_headers = "", const std::string& body = "") {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers;
  if (!body.empty() || method == "POST")
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return out + "\r\n" + body;
}

// Redirects this process's stderr (which children inherit when they start) into a file while
// alive; the server's access log then lands in the file for the test to read.
class StderrCapture {
 public:
  StderrCapture() : path_((dir_.path() / "stderr.log").string()) {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (saved_ < 0 || fd < 0) throw std::runtime_error("cannot capture stderr");
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
  }
  ~StderrCapture() { Restore(); }
  // Gives this process its stderr back; children started meanwhile keep writing to the file.
  void Restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    saved_ = -1;
  }
  std::string Contents() const {
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  TempDir dir_;
  std::string path_;
  int saved_ = -1;
};

// ---------------------------------------------------------------------------------------------

TEST(HttpServer, PipelinedRequestsOnOneConnectionAreAnsweredInOrder) {
  ServerProcess server;
  // Three requests in one write; the last asks to close so that SendRaw sees the end.
  const std::string raw =
      SendRaw(server.port(), Request("GET", "/healthz") + Request("GET", "/api/v1/countries") +
                                 Request("GET", "/nowhere", "Connection: close\r\n"));
  auto responses = TakeResponses(raw);
  ASSERT_EQ(responses.size(), 3u) << raw.substr(0, 2000);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[1].status, 200);
  EXPECT_EQ(responses[1].Json().at("items").as_array().size(), 48u);
  EXPECT_EQ(responses[2].status, 404);
  EXPECT_NE(Lower(responses[0].Header("connection")), "close");
  EXPECT_NE(Lower(responses[1].Header("connection")), "close");
  EXPECT_EQ(Lower(responses[2].Header("connection")), "close");

  // One request at a time on the same connection: the connection stays usable in between.
  RawClient client(server.port());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(client.Write(Request("GET", i % 2 ? "/readyz" : "/healthz")));
    auto response = client.ReadResponse(5000);
    ASSERT_TRUE(response) << "request " << i << " on a kept-alive connection got no answer";
    EXPECT_EQ(response->status, 200);
    EXPECT_FALSE(client.closed());
  }
  // A pipelined POST with a body between two GETs keeps the framing right.
  ASSERT_TRUE(client.Write(
      Request("GET", "/healthz") +
      Request("POST", "/api/v1/alerts", "Content-Type: application/json\r\n", "{\"title\":\"x\"}") +
      Request("GET", "/api/v1/categories")));
  auto first = client.ReadResponse(5000);
  auto second = client.ReadResponse(5000);
  auto third = client.ReadResponse(5000);
  ASSERT_TRUE(first && second && third) << client.buffer().substr(0, 2000);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(second->status, 401);  // no token
  EXPECT_EQ(third->status, 200);
}

TEST(HttpServer, ConnectionCloseIsHonoured) {
  ServerProcess server;
  {
    RawClient client(server.port());
    const auto start = Clock::now();
    ASSERT_TRUE(client.Write(Request("GET", "/healthz", "Connection: close\r\n")));
    EXPECT_TRUE(client.WaitClosed(3000)) << "the server kept a Connection: close connection open";
    EXPECT_LT(MillisSince(start), 3000);
    auto responses = TakeResponses(client.buffer());
    ASSERT_EQ(responses.size(), 1u) << client.buffer();
    EXPECT_EQ(responses[0].status, 200);
    EXPECT_EQ(Lower(responses[0].Header("connection")), "close");
  }
  {
    // HTTP/1.0 without keep-alive closes too.
    RawClient client(server.port());
    ASSERT_TRUE(client.Write("GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"));
    EXPECT_TRUE(client.WaitClosed(3000)) << "the server kept an HTTP/1.0 connection open";
    auto responses = TakeResponses(client.buffer());
    ASSERT_EQ(responses.size(), 1u) << client.buffer();
    EXPECT_EQ(responses[0].status, 200);
  }
}

TEST(HttpServer, IdleKeepAliveConnectionsAreClosedAfterTheIdleTimeout) {
  ServerProcess server({"--idle-timeout-ms", "700"});
  RawClient client(server.port());
  ASSERT_TRUE(client.Write(Request("GET", "/healthz")));
  ASSERT_TRUE(client.ReadResponse(5000));
  const auto start = Clock::now();
  EXPECT_TRUE(client.WaitClosed(5000)) << "an idle connection outlived --idle-timeout-ms";
  EXPECT_GE(MillisSince(start), 400);
  EXPECT_TRUE(client.buffer().empty())
      << "no answer is owed to an idle connection: " << client.buffer();
}

TEST(HttpServer, BodyOverTheLimitIs413) {
  ServerProcess server({"--max-body", "2048"});
  const std::string big(4096, 'x');
  {
    // Declared with Content-Length: the parser knows it is too big as soon as the header ends.
    std::string raw = SendRaw(server.port(), Request("POST", "/api/v1/alerts",
                                                     "Content-Type: application/json\r\n", big));
    auto responses = TakeResponses(raw);
    ASSERT_EQ(responses.size(), 1u) << raw;
    EXPECT_EQ(responses[0].status, 413) << responses[0].body;
    EXPECT_EQ(responses[0].Header("content-type"), "application/problem+json");
  }
  {
    // Chunked: found out while reading the body.
    std::ostringstream chunked;
    chunked
        << "POST /api/v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 4; ++i) chunked << "400\r\n" << std::string(1024, 'y') << "\r\n";
    chunked << "0\r\n\r\n";
    std::string raw = SendRaw(server.port(), chunked.str());
    auto responses = TakeResponses(raw);
    ASSERT_EQ(responses.size(), 1u) << raw;
    EXPECT_EQ(responses[0].status, 413) << responses[0].body;
  }
  // At the limit the body is read and the request reaches the API (401: no token).
  auto at_limit = Send(server.port(), {"POST",
                                       "/api/v1/alerts",
                                       std::string(2048, ' '),
                                       {{"Content-Type", "application/json"}},
                                       ""});
  EXPECT_EQ(at_limit.status, 401);
  EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
}

TEST(HttpServer, HeaderOverTheLimitIs431) {
  ServerProcess server;
  const std::string raw =
      SendRaw(server.port(), "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " +
                                 std::string(32 << 10, 'a') + "\r\n\r\n");
  auto responses = TakeResponses(raw);
  ASSERT_EQ(responses.size(), 1u) << "got: " << raw.substr(0, 500);
  EXPECT_EQ(responses[0].status, 431);
  EXPECT_EQ(responses[0].Header("content-type"), "application/problem+json");
  // A header just under the limit is fine.
  auto fine =
      Send(server.port(), {"GET", "/healthz", "", {{"X-Big", std::string(8 << 10, 'a')}}, ""});
  EXPECT_EQ(fine.status, 200);
}

TEST(HttpServer, MalformedRequestsAre400) {
  ServerProcess server;
  for (const std::string& bad :
       {std::string("GARBAGE\r\n\r\n"), std::string("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n"),
        std::string("GET / HTTQ/1.1\r\nHost: x\r\n\r\n"),
        std::string("GET / HTTP/1.1\r\nBad Header\r\n\r\n")}) {
    const auto start = Clock::now();
    std::string raw = SendRaw(server.port(), bad);
    auto responses = TakeResponses(raw);
    ASSERT_EQ(responses.size(), 1u) << "for " << bad << " got: " << raw;
    EXPECT_EQ(responses[0].status, 400) << "for " << bad;
    EXPECT_EQ(responses[0].Header("content-type"), "application/problem+json");
    EXPECT_EQ(Lower(responses[0].Header("connection")), "close");
    EXPECT_LT(MillisSince(start), 3000) << "the server did not close after a 400";
  }
  EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
}

TEST(HttpServer, SlowLorisIsCutOffAtTheHeaderTimeoutWhileOthersAreServed) {
  constexpr int kHeaderTimeoutMs = 2500;
  ServerProcess server({"--header-timeout-ms", std::to_string(kHeaderTimeoutMs)});

  // A client sends part of a header, then nothing.
  RawClient silent(server.port());
  const auto start = Clock::now();
  ASSERT_TRUE(silent.Write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));

  // Another one trickles a byte every 150 ms: that must not extend its deadline.
  std::atomic<bool> trickle_stop{false};
  RawClient trickler(server.port());
  ASSERT_TRUE(trickler.Write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
  std::thread trickle([&] {
    for (int i = 0; i < 60 && !trickle_stop; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      if (!trickler.Write("a")) break;
    }
  });

  // Meanwhile a well-behaved client is served at once, several times, while the slow ones
  // still hold their connections.
  for (int i = 0; i < 3; ++i) {
    const auto asked = Clock::now();
    EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
    EXPECT_LT(MillisSince(asked), 1500) << "a normal client waited behind a slow one";
  }
  silent.ReadSome(0);
  EXPECT_FALSE(silent.closed()) << "the slow client was cut off before the header timeout";

  EXPECT_TRUE(silent.WaitClosed(kHeaderTimeoutMs + 5000))
      << "a client that never finished its header kept its connection";
  const int64_t silent_ms = MillisSince(start);
  EXPECT_TRUE(trickler.WaitClosed(kHeaderTimeoutMs + 5000))
      << "a client trickling its header kept its connection";
  const int64_t trickler_ms = MillisSince(start);
  trickle_stop = true;
  trickle.join();

  EXPECT_GE(silent_ms, kHeaderTimeoutMs - 300);
  EXPECT_LE(silent_ms, kHeaderTimeoutMs + 3000);
  EXPECT_LE(trickler_ms, kHeaderTimeoutMs + 3000);
  // If the server answers before closing, it says 408.
  for (RawClient* client : {&silent, &trickler}) {
    auto responses = TakeResponses(client->buffer());
    if (!responses.empty()) {
      EXPECT_EQ(responses[0].status, 408);
    }
  }
  EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
}

TEST(HttpServer, ConnectionCapClosesExtraConnectionsAtOnce) {
  ServerProcess server({"--max-connections", "4"});
  // Four connections, each proven accepted by one answered request, then left idle.
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(std::make_unique<RawClient>(server.port()));
    ASSERT_TRUE(held.back()->Write(Request("GET", "/healthz")));
    auto response = held.back()->ReadResponse(5000);
    ASSERT_TRUE(response) << "connection " << i << " under the cap was not served";
    EXPECT_EQ(response->status, 200);
  }
  {
    RawClient fifth(server.port());  // the kernel completes the handshake; the server closes it
    const auto start = Clock::now();
    fifth.Write(Request("GET", "/healthz"));
    EXPECT_TRUE(fifth.WaitClosed(2000)) << "a connection over the cap was kept open";
    EXPECT_LT(MillisSince(start), 2000);
    EXPECT_TRUE(fifth.buffer().empty())
        << "a connection over the cap was served: " << fifth.buffer().substr(0, 200);
  }
  // The held connections still work.
  ASSERT_TRUE(held[1]->Write(Request("GET", "/readyz")));
  auto still = held[1]->ReadResponse(5000);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200);

  // Once one closes, a new connection is served (the server notices the close shortly).
  held[0]->Close();
  auto served_when_free = [&](const std::string& target) -> std::optional<HttpResult> {
    const auto start = Clock::now();
    while (MillisSince(start) < 5000) {
      RawClient next(server.port());
      next.Write(Request("GET", target, "Connection: close\r\n"));
      if (auto response = next.ReadResponse(2000)) return response;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::nullopt;
  };
  auto after = served_when_free("/healthz");
  ASSERT_TRUE(after) << "no connection was served after one of the four closed";
  EXPECT_EQ(after->status, 200);
  auto metrics = served_when_free("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->body.find("soj_http_connections_rejected_total 0\n"), std::string::npos)
      << "the rejected connection was not counted";
}

TEST(HttpServer, HeadHasTheHeadersAndContentLengthButNoBody) {
  ServerProcess server;
  auto get = Get(server.port(), "/api/v1/countries");
  ASSERT_EQ(get.status, 200);
  ASSERT_FALSE(get.body.empty());

  // Alone, with Connection: close: everything after the header is nothing.
  std::string raw =
      SendRaw(server.port(), Request("HEAD", "/api/v1/countries", "Connection: close\r\n"));
  const std::size_t end = raw.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos) << raw;
  EXPECT_EQ(raw.size(), end + 4) << "HEAD sent a body: " << raw.substr(end + 4, 200);
  auto head = TakeResponses(raw, {true});
  ASSERT_EQ(head.size(), 1u);
  EXPECT_EQ(head[0].status, 200);
  EXPECT_EQ(head[0].Header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head[0].Header("content-type"), get.Header("content-type"));
  EXPECT_EQ(head[0].Header("etag"), get.Header("etag"));

  // Pipelined HEAD then GET: the GET's response follows the HEAD's header directly.
  raw = SendRaw(server.port(), Request("HEAD", "/api/v1/countries") +
                                   Request("GET", "/healthz", "Connection: close\r\n"));
  auto both = TakeResponses(raw, {true, false});
  ASSERT_EQ(both.size(), 2u) << raw.substr(0, 1000);
  EXPECT_EQ(both[0].status, 200);
  EXPECT_TRUE(both[0].body.empty());
  EXPECT_EQ(both[1].status, 200);
  EXPECT_EQ(both[1].body, Get(server.port(), "/healthz").body);
}

TEST(HttpServer, MetricsAndAccessLogCountRoutesAndNeverShowSecrets) {
  StderrCapture capture;
  ServerProcess server;
  capture.Restore();
  const std::string partner = server.CreateToken("partner", "efj");
  ASSERT_GE(partner.size(), 16u);

  EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
  // A secret in a query string (whatever the answer) must not be echoed into metrics or logs.
  EXPECT_NE(Get(server.port(), "/api/v1/alerts?cursor=" + partner).status, 0);
  EXPECT_EQ(Get(server.port(), "/api/v1/alerts", partner).status, 200);
  EXPECT_EQ(Get(server.port(), "/api/v1/alerts/999999", partner).status, 404);
  EXPECT_EQ(Get(server.port(), "/nowhere/" + partner).status, 404);
  EXPECT_EQ(Get(server.port(), "/api/v1/alerts", "not-a-" + partner).status, 401);
  EXPECT_EQ(PostJson(server.port(), "/api/v1/alerts", "{\"title\": 1}", partner).status, 422);

  auto metrics = Get(server.port(), "/metrics");
  ASSERT_EQ(metrics.status, 200);
  const std::string& text = metrics.body;
  EXPECT_NE(text.find("# TYPE soj_http_requests_total counter"), std::string::npos);
  for (const char* series :
       {"soj_http_requests_total{route=\"getHealth\",method=\"GET\",status=\"200\"} ",
        "soj_http_requests_total{route=\"listAlerts\",method=\"GET\",status=\"200\"} ",
        "soj_http_requests_total{route=\"listAlerts\",method=\"GET\",status=\"401\"} 1",
        "soj_http_requests_total{route=\"getAlert\",method=\"GET\",status=\"404\"} 1",
        "soj_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1",
        "soj_http_requests_total{route=\"createAlert\",method=\"POST\",status=\"422\"} 1",
        "soj_http_requests_total{route=\"createToken\""}) {
    EXPECT_NE(text.find(series), std::string::npos) << "no " << series << " in\n" << text;
  }
  EXPECT_EQ(text.find(partner), std::string::npos) << "a token secret is in /metrics";
  EXPECT_EQ(text.find(server.admin_token()), std::string::npos) << "the admin token is in /metrics";
  EXPECT_EQ(text.find("/nowhere"), std::string::npos) << "a raw path is in /metrics";

  // The access log: one JSON line per request, with the route and status, without secrets,
  // queries or raw paths.
  std::string log;
  for (int i = 0; i < 20 && log.find("getMetrics") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    log = capture.Contents();
  }
  std::size_t request_lines = 0;
  bool saw_unmatched = false, saw_create = false;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    boost::system::error_code ec;
    auto value = boost::json::parse(line, ec);
    if (ec || !value.is_object() || !value.as_object().contains("route")) continue;
    ++request_lines;
    const auto& entry = value.as_object();
    EXPECT_TRUE(entry.contains("method") && entry.contains("status")) << line;
    if (entry.at("route") == "unmatched") saw_unmatched = true;
    if (entry.at("route") == "createAlert" && entry.at("status").to_number<int>() == 422)
      saw_create = true;
  }
  EXPECT_GE(request_lines, 9u) << "access log:\n" << log;
  EXPECT_TRUE(saw_unmatched && saw_create) << "access log:\n" << log;
  EXPECT_EQ(log.find(partner), std::string::npos) << "a token secret is in the log";
  EXPECT_EQ(log.find(server.admin_token()), std::string::npos) << "the admin token is in the log";
  EXPECT_EQ(log.find("cursor="), std::string::npos) << "a query string is in the log";
  EXPECT_EQ(log.find("/nowhere"), std::string::npos) << "a raw path is in the log";
}

}  // namespace
}  // namespace soj::testing
