#pragma once
// HttpRequest/HttpResponse: the plain values the request handler works on. The server turns
// Beast messages into these and back, so handlers are testable without sockets and compile
// without Beast.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace soj::api {

struct HttpRequest {
  std::string method;  // "GET", as sent
  std::string target;  // the request-target: path and query, still percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  bool tls = false;

  // The first value of header `name` (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Streamed body (exports of any size). When set, `body` is ignored and the server sends the
  // headers, then the pieces with chunked transfer encoding: each call appends the next piece
  // (tens of KB at most) to `out` and returns false once nothing is left. Called on a worker
  // thread, one call at a time; it owns whatever it reads from (e.g. a store snapshot).
  std::function<bool(std::string& out)> stream;

  // Long polling. When `wait_until` is set, nothing is sent yet: the server parks the request
  // without holding a thread until a write commits or `wait_until` passes, then calls
  // `resume(timed_out)` on a worker thread and handles what it returns like a new response
  // (which may itself wait again, still bounded by the first deadline).
  std::optional<std::chrono::steady_clock::time_point> wait_until;
  std::function<HttpResponse(bool timed_out)> resume;

  // Replaces header `name` (case-insensitive) or adds it.
  void Set(std::string_view name, std::string value);
  std::string_view Header(std::string_view name) const;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace soj::api
