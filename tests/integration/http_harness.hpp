#pragma once
// Talking to a real soj-tracker process over HTTP from tests: a server started on 127.0.0.1
// with an ephemeral port and a temp store, and a small synchronous client.

#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/child_process.hpp"
#include "tests/test_support.hpp"

namespace soj::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::string Header(const std::string& lower_name) const;
  // The body as JSON (null when it is not JSON).
  boost::json::value Json() const;
};

struct HttpCall {
  std::string method = "GET";
  std::string target = "/";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string token;  // sent as "Authorization: Bearer <token>" when set
};

// One request on a new connection (Connection: close).
HttpResult Send(uint16_t port, const HttpCall& call);
// Shorthands.
HttpResult Get(uint16_t port, const std::string& target, const std::string& token = "");
HttpResult PostJson(uint16_t port, const std::string& target, const std::string& json,
                    const std::string& token = "");

// Writes raw bytes on a new connection and returns everything read until the server closes
// the connection or `timeout_ms` passes.
std::string SendRaw(uint16_t port, const std::string& bytes, int timeout_ms = 5000);

// Reads `child`'s output until its "listening" line names the port (0 after a minute without
// one). Every line read is passed to `on_line`, if given.
uint16_t WaitForPort(ChildProcess& child,
                     const std::function<void(const std::string&)>& on_line = nullptr);

// The soj-tracker binary serving a temp data directory. Tokens for the roles are created
// with soj-admin before the server starts (the store takes one process at a time).
class ServerProcess {
 public:
  // `extra_args` are added to `serve --data DIR --listen 127.0.0.1:0 --no-demo`.
  explicit ServerProcess(std::vector<std::string> extra_args = {}, const TempDir* data = nullptr);
  ~ServerProcess();

  uint16_t port() const { return port_; }
  const std::string& data_dir() const { return data_dir_; }
  const std::string& admin_token() const { return admin_token_; }
  // The server's process id (to read /proc/<pid>/status).
  int pid() const;

  // Issues a token through POST /api/v1/tokens with the admin token; returns the secret.
  std::string CreateToken(const std::string& role, const std::string& partner = "",
                          const std::string& country = "");
  void Kill(int signal);
  // Waits for exit; returns the exit code or -signal.
  int Wait();
  // Starts the server again on the same data directory (after Kill/Wait).
  void Restart();

 private:
  void Launch();
  std::unique_ptr<TempDir> owned_dir_;
  std::string data_dir_;
  std::vector<std::string> extra_args_;
  std::unique_ptr<ChildProcess> child_;
  uint16_t port_ = 0;
  std::string admin_token_;
};

// The "field" of every entry in a problem document's "errors" (empty when there are none).
std::vector<std::string> ProblemFields(const HttpResult& result);

// The `total` of the anonymous search `query` (already URL-encoded), once the server answers
// it: waits up to two minutes while it answers 503 (its index is being built). -1 when it
// never answers, or answers anything but 200 or 503.
int SearchTotal(uint16_t port, const std::string& query);

// Milliseconds of the steady clock since `start`.
int64_t MillisSince(std::chrono::steady_clock::time_point start);

// Runs soj-admin with `args` (no --data added).
CommandResult RunAdmin(std::vector<std::string> args);

}  // namespace soj::testing
