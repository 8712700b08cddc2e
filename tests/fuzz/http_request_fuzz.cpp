// Fuzz target: raw bytes from a client, as the server reads them: Beast's request parser with
// the server's limits (pipelined messages one after the other), then Api::Handle with every
// route the server has (API and pages) over a real store. No sockets: the request handler is
// a plain function. Streamed bodies are drained and long polls resumed as the server does.

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "api/api.hpp"
#include "dashboards/page_routes.hpp"
#include "tests/fuzz/fuzz_platform.hpp"

namespace {

namespace http = boost::beast::http;

soj::api::Api& FuzzApi() {
  static std::unique_ptr<soj::api::Api> api = [] {
    auto made = std::make_unique<soj::api::Api>(
        soj::fuzz::FuzzPlatform(),
        soj::api::ApiOptions{.public_url = "", .public_metrics = true, .access_log = false});
    made->AddRoutes(soj::dashboards::AddPageRoutes);
    made->SetReady(true);
    return made;
  }();
  return *api;
}

// Inputs name a role's token as "@admin@", "@editor@", "@efj@" (a partner) or "@BY@" (a state
// correspondent): secrets are random, and a fuzzer would otherwise never get past the 401.
std::string WithTokens(std::string text) {
  using soj::tracker::Role;
  static const std::vector<std::pair<std::string, std::string>> tokens = [] {
    auto& service = soj::fuzz::FuzzPlatform().tokens();
    const auto admin = soj::tracker::Principal::Admin();
    std::vector<std::pair<std::string, std::string>> out;
    for (auto [mark, role, partner, country] : {std::tuple{"@admin@", Role::kAdmin, "", ""},
                                                std::tuple{"@editor@", Role::kEditor, "", ""},
                                                std::tuple{"@efj@", Role::kPartner, "efj", ""},
                                                std::tuple{"@BY@", Role::kState, "", "BY"}}) {
      auto issued = service.Create(admin, role, partner, country, "fuzz");
      if (!issued) std::abort();
      out.emplace_back(mark, issued->secret);
    }
    return out;
  }();
  for (const auto& [mark, secret] : tokens)
    for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at))
      text.replace(at, mark.size(), secret);
  return text;
}

void Drain(soj::api::HttpResponse& response) {
  for (int rounds = 0; response.wait_until && response.resume && rounds < 3; ++rounds)
    response = response.resume(true);
  if (!response.stream) return;
  std::string piece;
  for (int pieces = 0; pieces < 10'000 && response.stream(piece); ++pieces) piece.clear();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  soj::api::Api& api = FuzzApi();
  const std::string bytes = WithTokens(std::string(reinterpret_cast<const char*>(data), size));
  boost::asio::const_buffer rest(bytes.data(), bytes.size());
  for (int messages = 0; messages < 16 && rest.size() > 0; ++messages) {
    http::request_parser<http::string_body> parser;  // fresh per message, as the server does
    parser.header_limit(16 << 10);
    parser.body_limit(1 << 20);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!parser.is_done() && rest.size() > 0) {
      const std::size_t used = parser.put(rest, ec);
      rest += used;
      if (ec || used == 0) break;
    }
    // Incomplete (the client would have to send more) or invalid (400/413/431 and close).
    if (!parser.is_done()) return 0;
    const auto& message = parser.get();
    soj::api::HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message)
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    request.body = message.body();
    soj::api::HttpResponse response = api.Handle(request);
    if (response.status < 100 || response.status > 599) __builtin_trap();
    Drain(response);
  }
  return 0;
}
