#pragma once
// HttpRequest/HttpResponse: the plain values the request handler works on. The server turns
// Beast messages into these and back, so handlers are testable without sockets and compile
// without Beast.

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

  // Replaces header `name` (case-insensitive) or adds it.
  void Set(std::string_view name, std::string value);
  std::string_view Header(std::string_view name) const;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace soj::api
