#pragma once
// The fixture of the HTTP story tests (http_story_test.cpp, http_list_test.cpp): one real
// soj-tracker per test process, tokens of every role, and helpers to submit, move and read
// alerts. Tests may land in different CTest shards, so each creates the alerts it needs.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

// Strings that exist only in withheld victims: any response that contains them leaks.
inline constexpr std::string_view kWithheldName = "Zxqwithheld Name";
inline constexpr std::string_view kWithheldOutlet = "Zxqwithheld Outlet";
inline constexpr std::string_view kWithheldMarker = "Zxqwithheld";

struct Token {
  std::string id;      // "tok_...": the public handle
  std::string secret;  // what goes after "Bearer "
};

inline HttpResult Call(uint16_t port, const std::string& method, const std::string& target,
                       const std::string& token, const std::string& body = "",
                       Headers headers = {}) {
  const bool has_type = std::any_of(headers.begin(), headers.end(),
                                    [](const auto& h) { return h.first == "Content-Type"; });
  if (!body.empty() && !has_type) headers.emplace_back("Content-Type", "application/json");
  return Send(port, {method, target, body, std::move(headers), token});
}

inline HttpResult CallJson(uint16_t port, const std::string& method, const std::string& target,
                           const std::string& token, const json::value& body,
                           Headers headers = {}) {
  return Call(port, method, target, token, json::serialize(body), std::move(headers));
}

// Every header and the body: where a leak would show.
inline std::string Everything(const HttpResult& result) {
  std::string out;
  for (const auto& [name, value] : result.headers) out += name + ": " + value + "\n";
  return out + result.body;
}

inline bool HasKey(const json::value& value, std::string_view key) {
  if (value.is_object()) {
    for (const auto& [k, member] : value.as_object())
      if (k == key || HasKey(member, key)) return true;
  } else if (value.is_array()) {
    for (const auto& item : value.as_array())
      if (HasKey(item, key)) return true;
  }
  return false;
}

// An RFC 9457 problem with `status`, naming each of `fields` in "errors".
inline void ExpectProblem(const HttpResult& result, int status,
                          const std::vector<std::string>& fields = {}) {
  EXPECT_EQ(result.status, status) << result.body;
  EXPECT_EQ(result.Header("content-type"), "application/problem+json");
  json::value body = result.Json();
  ASSERT_TRUE(body.is_object()) << result.body;
  const json::object& problem = body.as_object();
  ASSERT_TRUE(problem.contains("status")) << result.body;
  EXPECT_EQ(problem.at("status").to_number<int>(), result.status);
  ASSERT_TRUE(problem.contains("type") && problem.at("type").is_string()) << result.body;
  EXPECT_FALSE(problem.at("type").as_string().empty());
  ASSERT_TRUE(problem.contains("title") && problem.at("title").is_string()) << result.body;
  EXPECT_FALSE(problem.at("title").as_string().empty());
  ASSERT_TRUE(problem.contains("detail") && problem.at("detail").is_string()) << result.body;
  EXPECT_FALSE(problem.at("detail").as_string().empty());
  const std::vector<std::string> named = ProblemFields(result);
  for (const std::string& field : fields)
    EXPECT_NE(std::find(named.begin(), named.end(), field), named.end())
        << "no error for field '" << field << "' in " << result.body;
}

inline std::string Quoted(uint64_t version) { return "\"" + std::to_string(version) + "\""; }

inline uint64_t IdOf(const HttpResult& result) {
  json::value body = result.Json();
  if (!body.is_object() || !body.as_object().contains("id")) return 0;
  return body.at("id").to_number<uint64_t>();
}

inline uint64_t VersionOf(const HttpResult& result) {
  json::value body = result.Json();
  if (!body.is_object() || !body.as_object().contains("version")) return 0;
  return body.at("version").to_number<uint64_t>();
}

inline std::string AlertPath(uint64_t id) { return "/api/v1/alerts/" + std::to_string(id); }

// A valid alert with one named victim; callers adjust it.
inline json::object AlertBody(std::string_view title, std::string_view country = "BY",
                              std::string_view incident_date = "2023-03-14") {
  json::object victim{
      {"name", "A. N."},
      {"withheld", false},
      {"kind", "journalist"},
      {"gender", "female"},
      {"outlet", "Example Media"},
      {"detentions", json::array{json::object{{"from", incident_date}, {"until", nullptr}}}}};
  return json::object{{"title", title},
                      {"description", "Plain text, paragraphs separated by blank lines."},
                      {"country", country},
                      {"incident_date", incident_date},
                      {"categories", json::array{"detention", "harassment"}},
                      {"threat_source", "state"},
                      {"level", 1},
                      {"victims", json::array{victim}},
                      {"sources", json::array{"https://example.org/report"}}};
}

inline json::object WithheldVictim() {
  return json::object{{"name", kWithheldName},
                      {"withheld", true},
                      {"kind", "journalist"},
                      {"gender", "male"},
                      {"outlet", kWithheldOutlet}};
}

class HttpStoryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServerProcess>();
    efj_ = Issue("partner", "efj");
    ifj_ = Issue("partner", "ifj");
    rsf_ = Issue("partner", "rsf");
    editor_ = Issue("editor");
    state_by_ = Issue("state", "", "BY");
    state_ru_ = Issue("state", "", "RU");
    analyst_ = Issue("analyst");
  }
  static void TearDownTestSuite() { server_.reset(); }

  // Issues a token through the admin API and returns its id and secret.
  static Token Issue(const std::string& role, const std::string& partner = "",
                     const std::string& country = "") {
    json::object body{{"role", role}, {"name", "story " + role}};
    if (!partner.empty()) body["partner"] = partner;
    if (!country.empty()) body["country"] = country;
    HttpResult issued = CallJson(port(), "POST", "/api/v1/tokens", server_->admin_token(), body);
    if (issued.status != 201) throw std::runtime_error("token create failed: " + issued.body);
    json::value out = issued.Json();
    return {std::string(out.at("id").as_string()), std::string(out.at("secret").as_string())};
  }

  static uint16_t port() { return server_->port(); }

  static HttpResult Do(const std::string& method, const std::string& target, const Token& token,
                       const json::value& body, Headers headers = {}) {
    return CallJson(port(), method, target, token.secret, body, std::move(headers));
  }
  static HttpResult Read(const std::string& target, const std::string& token = "",
                         Headers headers = {}) {
    return Call(port(), "GET", target, token, "", std::move(headers));
  }

  // Submits `body` as `who`; the new alert's id.
  static uint64_t Submit(const Token& who, const json::object& body) {
    HttpResult created = Do("POST", "/api/v1/alerts", who, body);
    EXPECT_EQ(created.status, 201) << created.body;
    return IdOf(created);
  }
  static HttpResult Move(uint64_t id, std::string_view to, std::string_view reason = "") {
    json::object body{{"to", to}};
    if (!reason.empty()) body["reason"] = reason;
    return Do("POST", AlertPath(id) + "/transitions", editor_, body);
  }
  static uint64_t SubmitPublished(const Token& who, const json::object& body) {
    uint64_t id = Submit(who, body);
    HttpResult published = Move(id, "published");
    EXPECT_EQ(published.status, 200) << published.body;
    return id;
  }
  // The alert as the editor sees it.
  static json::value EditorView(uint64_t id) { return Read(AlertPath(id), editor_.secret).Json(); }

  static inline std::unique_ptr<ServerProcess> server_;
  static inline Token efj_, ifj_, rsf_, editor_, state_by_, state_ru_, analyst_;
};

// Ids of the items of a list response.
inline std::vector<uint64_t> ListIds(const HttpResult& list) {
  std::vector<uint64_t> ids;
  json::value body = list.Json();
  if (!body.is_object() || !body.as_object().contains("items")) return ids;
  for (const auto& item : body.at("items").as_array())
    ids.push_back(item.at("id").to_number<uint64_t>());
  return ids;
}

inline bool Contains(const std::vector<uint64_t>& ids, uint64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace soj::testing
