// What the server promises about writes across crashes and restarts: an alert answered 201 is
// there after SIGKILL, and SIGTERM lets requests in flight finish, exits 0 within the grace
// period and loses nothing that was acknowledged.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/buffer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <optional>
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

std::string AlertJson(const std::string& ref) {
  boost::json::object alert{{"title", "Durability test alert " + ref},
                            {"description", "Written while the server is being stopped."},
                            {"country", "BY"},
                            {"incident_date", "2023-03-14"},
                            {"categories", boost::json::array{"detention"}},
                            {"threat_source", "state"},
                            {"level", 1},
                            {"external_ref", ref}};
  return boost::json::serialize(alert);
}

// Waits for the server process to end, at most `limit_ms`; on overrun kills it (and reports
// that through `*overran`) so that the test never hangs.
int WaitBounded(ServerProcess& server, int limit_ms, bool* overran) {
  auto exited = std::async(std::launch::async, [&server] { return server.Wait(); });
  *overran = exited.wait_for(std::chrono::milliseconds(limit_ms)) != std::future_status::ready;
  if (*overran) server.Kill(SIGKILL);
  return exited.get();
}

// Client threads posting valid, distinct alerts as fast as the server takes them, recording
// every one answered 201 (id and external_ref) and any answer that is neither 201 nor a cut
// connection.
class Writers {
 public:
  Writers(uint16_t port, std::string token, int threads, const std::string& prefix) {
    for (int t = 0; t < threads; ++t) {
      threads_.emplace_back([this, port, token, t, prefix] {
        const auto deadline = Clock::now() + std::chrono::seconds(30);
        for (int i = 0; i < 100'000 && !stop_ && Clock::now() < deadline; ++i) {
          const std::string ref = prefix + "-" + std::to_string(t) + "-" + std::to_string(i);
          try {
            HttpResult result = PostJson(port, "/api/v1/alerts", AlertJson(ref), token);
            std::lock_guard lock(mutex_);
            if (result.status == 201) {
              acked_[ref] = result.Json().at("id").to_number<int64_t>();
              if (result.Header("location") != "/api/v1/alerts/" + std::to_string(acked_[ref]))
                unexpected_.push_back("201 with Location " + result.Header("location"));
            } else {
              unexpected_.push_back(std::to_string(result.status) + " " + result.body);
            }
          } catch (const std::exception&) {
            // The server went away mid-request or refused the connection: not acknowledged.
            ++cut_;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
        }
      });
    }
  }
  ~Writers() { Stop(); }

  void Stop() {
    stop_ = true;
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }
  std::size_t acked_count() {
    std::lock_guard lock(mutex_);
    return acked_.size();
  }
  // Waits until at least `n` alerts were acknowledged (at most `limit_ms`).
  bool WaitForAcks(std::size_t n, int limit_ms) {
    const auto start = Clock::now();
    while (acked_count() < n && MillisSince(start) < limit_ms)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return acked_count() >= n;
  }
  // After Stop().
  const std::map<std::string, int64_t>& acked() const { return acked_; }
  const std::vector<std::string>& unexpected() const { return unexpected_; }
  int cut() const { return cut_; }

 private:
  std::vector<std::thread> threads_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::map<std::string, int64_t> acked_;  // external_ref -> id
  std::vector<std::string> unexpected_;
  std::atomic<int> cut_{0};
};

// Every acknowledged alert can be read back by an editor, with its external_ref.
void ExpectAllPresent(uint16_t port, const std::string& editor,
                      const std::map<std::string, int64_t>& acked) {
  std::size_t missing = 0;
  for (const auto& [ref, id] : acked) {
    HttpResult result = Get(port, "/api/v1/alerts/" + std::to_string(id), editor);
    const boost::json::value body = result.Json();
    const boost::json::value* stored_ref =
        body.is_object() ? body.as_object().if_contains("external_ref") : nullptr;
    if (result.status != 200 || stored_ref == nullptr || *stored_ref != ref.c_str()) {
      if (++missing <= 5)
        ADD_FAILURE() << "acknowledged alert " << id << " (" << ref
                      << ") is lost: " << result.status << " " << result.body.substr(0, 300);
    }
  }
  EXPECT_EQ(missing, 0u) << "of " << acked.size() << " acknowledged alerts";
}

// Stops the server cleanly and checks the store with soj-admin verify.
void StopAndVerify(ServerProcess& server) {
  server.Kill(SIGTERM);
  bool overran = false;
  EXPECT_EQ(WaitBounded(server, 15'000, &overran), 0);
  EXPECT_FALSE(overran) << "the server ignored SIGTERM";
  CommandResult verify = RunAdmin({"verify", "--data", server.data_dir()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

// A blocking client for partial requests (the harness's Send writes whole requests only).
class RawClient {
 public:
  explicit RawClient(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      throw std::runtime_error("connect failed");
  }
  ~RawClient() { ::close(fd_); }
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
  // One response, or nullopt when none is complete before the server closes or time runs out.
  std::optional<HttpResult> ReadResponse(int timeout_ms) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      if (auto response = TakeResponse()) return response;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0 || closed_) return std::nullopt;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[16384];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0)
        closed_ = true;
      else
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  // True when the server closes the connection within `timeout_ms`.
  bool WaitClosed(int timeout_ms) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!closed_) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[16384];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0)
        closed_ = true;
      else
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
  }
  const std::string& buffer() const { return buffer_; }

 private:
  std::optional<HttpResult> TakeResponse() {
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    std::size_t used = 0;
    beast::error_code ec;
    while (!parser.is_done()) {
      std::size_t n = parser.put(asio::buffer(buffer_.data() + used, buffer_.size() - used), ec);
      used += n;
      if (ec || n == 0) return std::nullopt;
    }
    HttpResult result;
    result.status = static_cast<int>(parser.get().result_int());
    for (const auto& field : parser.get()) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      result.headers[name] = std::string(field.value());
    }
    result.body = parser.get().body();
    buffer_.erase(0, used);
    return result;
  }

  int fd_ = -1;
  std::string buffer_;
  bool closed_ = false;
};

// ---------------------------------------------------------------------------------------------

TEST(HttpDurability, EveryAlertAnswered201SurvivesSigkill) {
  ServerProcess server;
  const std::string partner = server.CreateToken("partner", "efj");
  const std::string editor = server.CreateToken("editor");

  Writers writers(server.port(), partner, 8, "kill");
  ASSERT_TRUE(writers.WaitForAcks(30, 20'000)) << "the server acknowledged almost nothing";
  std::this_thread::sleep_for(std::chrono::milliseconds(700));  // mid-stream
  server.Kill(SIGKILL);
  bool overran = false;
  EXPECT_EQ(WaitBounded(server, 10'000, &overran), -SIGKILL);
  writers.Stop();
  EXPECT_TRUE(writers.unexpected().empty()) << writers.unexpected().front();
  const auto& acked = writers.acked();
  ASSERT_GT(acked.size(), 30u);
  RecordProperty("acknowledged", static_cast<int>(acked.size()));
  RecordProperty("cut", writers.cut());

  server.Restart();
  ExpectAllPresent(server.port(), editor, acked);
  // Resubmitting an acknowledged external_ref finds the stored alert instead of a new one.
  const auto& [ref, id] = *acked.begin();
  HttpResult again = PostJson(server.port(), "/api/v1/alerts", AlertJson(ref), partner);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Header("location"), "/api/v1/alerts/" + std::to_string(id));
  StopAndVerify(server);
}

TEST(HttpDurability, SigtermDuringABurstExitsZeroAndKeepsEveryAcknowledgedWrite) {
  constexpr int kGraceMs = 5000;
  ServerProcess server({"--shutdown-grace-ms", std::to_string(kGraceMs)});
  const std::string partner = server.CreateToken("partner", "efj");
  const std::string editor = server.CreateToken("editor");

  Writers writers(server.port(), partner, 8, "term");
  ASSERT_TRUE(writers.WaitForAcks(30, 20'000)) << "the server acknowledged almost nothing";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto signalled = Clock::now();
  server.Kill(SIGTERM);
  bool overran = false;
  const int code = WaitBounded(server, kGraceMs + 5000, &overran);
  const int64_t took = MillisSince(signalled);
  writers.Stop();
  EXPECT_FALSE(overran) << "the server did not exit after SIGTERM";
  EXPECT_EQ(code, 0) << "the server did not exit cleanly on SIGTERM";
  EXPECT_LE(took, kGraceMs + 2000) << "shutdown took longer than the grace period";
  // A valid alert gets 201 or an ended connection; a 4xx/5xx for it would be a lie.
  EXPECT_TRUE(writers.unexpected().empty())
      << writers.unexpected().size()
      << " requests answered otherwise, first: " << writers.unexpected().front();
  const auto& acked = writers.acked();
  ASSERT_GT(acked.size(), 30u);
  RecordProperty("acknowledged", static_cast<int>(acked.size()));
  RecordProperty("cut", writers.cut());

  server.Restart();
  EXPECT_EQ(Get(server.port(), "/readyz").status, 200);
  ExpectAllPresent(server.port(), editor, acked);
  StopAndVerify(server);
}

TEST(HttpDurability, RequestsInFlightAtSigtermFinishAndReadinessTurns503) {
  constexpr int kGraceMs = 5000;
  ServerProcess server({"--shutdown-grace-ms", std::to_string(kGraceMs)});
  const std::string partner = server.CreateToken("partner", "efj");
  const std::string editor = server.CreateToken("editor");
  EXPECT_EQ(Get(server.port(), "/readyz").status, 200);

  // An idle kept-alive connection: closed at shutdown, without an answer.
  RawClient idle(server.port());
  ASSERT_TRUE(idle.Write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  ASSERT_TRUE(idle.ReadResponse(5000));
  // An upload under way: header and half the body sent.
  const std::string body = AlertJson("inflight-1");
  const std::string header =
      "POST /api/v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Authorization: Bearer " +
      partner +
      "\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  RawClient upload(server.port());
  ASSERT_TRUE(upload.Write(header + body.substr(0, body.size() / 2)));
  // A readiness probe whose header is not complete yet.
  RawClient probe(server.port());
  ASSERT_TRUE(probe.Write("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the server has read them

  const auto signalled = Clock::now();
  server.Kill(SIGTERM);
  EXPECT_TRUE(idle.WaitClosed(3000)) << "an idle connection stayed open during shutdown";
  EXPECT_TRUE(idle.buffer().empty()) << idle.buffer();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  // Both requests were in flight when the signal came: they finish.
  ASSERT_TRUE(upload.Write(body.substr(body.size() / 2)));
  ASSERT_TRUE(probe.Write("\r\n"));
  auto created = upload.ReadResponse(kGraceMs);
  auto readiness = probe.ReadResponse(kGraceMs);
  ASSERT_TRUE(created) << "the upload in flight at SIGTERM got no answer";
  EXPECT_EQ(created->status, 201) << created->body;
  ASSERT_TRUE(readiness) << "the probe in flight at SIGTERM got no answer";
  EXPECT_EQ(readiness->status, 503) << "/readyz during shutdown: " << readiness->body;
  EXPECT_EQ(readiness->Header("connection"), "close");

  bool overran = false;
  EXPECT_EQ(WaitBounded(server, kGraceMs + 5000, &overran), 0);
  EXPECT_FALSE(overran);
  EXPECT_LE(MillisSince(signalled), kGraceMs + 2000);

  server.Restart();
  if (created && created->status == 201) {
    HttpResult stored = Get(server.port(), created->Header("location"), editor);
    EXPECT_EQ(stored.status, 200) << "the alert acknowledged during shutdown is lost";
  }
  StopAndVerify(server);
}

}  // namespace
}  // namespace soj::testing
