// The whole story of an alert, told over HTTP to the real soj-tracker binary: tokens are
// issued, a partner submits, the secretariat publishes, the state replies, the partner
// follows up, the alert is resolved and reopened, the public reads it with caching, a
// duplicate is merged, a token is revoked, and lists are filtered and paged. Along the way
// the names of withheld victims must reach editors and the alert's partners and nobody else.
//
// One server serves the whole suite (SetUpTestSuite). Tests may land in different CTest
// shards, so each one creates the alerts it needs and asserts only about those.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

// Strings that exist only in withheld victims: any response that contains them leaks.
constexpr std::string_view kWithheldName = "Zxqwithheld Name";
constexpr std::string_view kWithheldOutlet = "Zxqwithheld Outlet";
constexpr std::string_view kWithheldMarker = "Zxqwithheld";

struct Token {
  std::string id;      // "tok_...": the public handle
  std::string secret;  // what goes after "Bearer "
};

HttpResult Call(uint16_t port, const std::string& method, const std::string& target,
                const std::string& token, const std::string& body = "", Headers headers = {}) {
  const bool has_type = std::any_of(headers.begin(), headers.end(),
                                    [](const auto& h) { return h.first == "Content-Type"; });
  if (!body.empty() && !has_type) headers.emplace_back("Content-Type", "application/json");
  return Send(port, {method, target, body, std::move(headers), token});
}

HttpResult CallJson(uint16_t port, const std::string& method, const std::string& target,
                    const std::string& token, const json::value& body, Headers headers = {}) {
  return Call(port, method, target, token, json::serialize(body), std::move(headers));
}

// Every header and the body: where a leak would show.
std::string Everything(const HttpResult& result) {
  std::string out;
  for (const auto& [name, value] : result.headers) out += name + ": " + value + "\n";
  return out + result.body;
}

bool HasKey(const json::value& value, std::string_view key) {
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
void ExpectProblem(const HttpResult& result, int status,
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

std::string Quoted(uint64_t version) { return "\"" + std::to_string(version) + "\""; }

uint64_t IdOf(const HttpResult& result) {
  json::value body = result.Json();
  if (!body.is_object() || !body.as_object().contains("id")) return 0;
  return body.at("id").to_number<uint64_t>();
}

uint64_t VersionOf(const HttpResult& result) {
  json::value body = result.Json();
  if (!body.is_object() || !body.as_object().contains("version")) return 0;
  return body.at("version").to_number<uint64_t>();
}

std::string AlertPath(uint64_t id) { return "/api/v1/alerts/" + std::to_string(id); }

// A valid alert with one named victim; callers adjust it.
json::object AlertBody(std::string_view title, std::string_view country = "BY",
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

json::object WithheldVictim() {
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

  static std::unique_ptr<ServerProcess> server_;
  static Token efj_, ifj_, rsf_, editor_, state_by_, state_ru_, analyst_;
};

std::unique_ptr<ServerProcess> HttpStoryTest::server_;
Token HttpStoryTest::efj_, HttpStoryTest::ifj_, HttpStoryTest::rsf_, HttpStoryTest::editor_,
    HttpStoryTest::state_by_, HttpStoryTest::state_ru_, HttpStoryTest::analyst_;

// Ids of the items of a list response.
std::vector<uint64_t> ListIds(const HttpResult& list) {
  std::vector<uint64_t> ids;
  json::value body = list.Json();
  if (!body.is_object() || !body.as_object().contains("items")) return ids;
  for (const auto& item : body.at("items").as_array())
    ids.push_back(item.at("id").to_number<uint64_t>());
  return ids;
}

bool Contains(const std::vector<uint64_t>& ids, uint64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST_F(HttpStoryTest, AdminIssuesTokensWhoseSecretIsShownOnce) {
  json::object body{{"role", "partner"}, {"partner", "cpj"}, {"name", "cpj desk"}};
  HttpResult issued = CallJson(port(), "POST", "/api/v1/tokens", server_->admin_token(), body);
  ASSERT_EQ(issued.status, 201) << issued.body;
  json::value token = issued.Json();
  const std::string id(token.at("id").as_string());
  const std::string secret(token.at("secret").as_string());
  EXPECT_EQ(token.at("role"), "partner");
  EXPECT_EQ(token.at("partner"), "cpj");
  EXPECT_TRUE(token.at("revoked_at").is_null());
  // No Location: a token has no resource of its own to GET, only a DELETE by id.
  EXPECT_EQ(issued.Header("location"), "");
  EXPECT_GE(secret.size(), 16u);

  HttpResult list = Read("/api/v1/tokens", server_->admin_token());
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find(id), std::string::npos);
  EXPECT_EQ(list.body.find(secret), std::string::npos) << "the list shows a secret";
  EXPECT_EQ(list.body.find(efj_.secret), std::string::npos) << "the list shows a secret";
  EXPECT_FALSE(HasKey(list.Json(), "secret"));
  EXPECT_FALSE(HasKey(list.Json(), "secret_hash"));

  // The new secret works at once.
  EXPECT_EQ(Do("POST", "/api/v1/alerts", {id, secret}, AlertBody("Issued token works")).status,
            201);
}

TEST_F(HttpStoryTest, WholeStoryOfAnAlert) {
  // A partner submits.
  json::object body = AlertBody("Journalist detained after covering protest in Minsk");
  body["external_ref"] = "efj-2023-117";
  HttpResult submitted = Do("POST", "/api/v1/alerts", efj_, body);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const uint64_t id = IdOf(submitted);
  ASSERT_GT(id, 0u);
  EXPECT_EQ(submitted.Header("location"), AlertPath(id));
  EXPECT_EQ(submitted.Header("etag"), "\"1\"");
  EXPECT_EQ(submitted.Header("content-type"), "application/json");
  {
    json::value alert = submitted.Json();
    EXPECT_EQ(alert.at("status"), "draft");
    EXPECT_EQ(alert.at("version").to_number<int>(), 1);
    EXPECT_EQ(alert.at("partners"), (json::array{"efj"}));
    EXPECT_EQ(alert.at("external_ref"), "efj-2023-117");
    EXPECT_TRUE(alert.at("published_at").is_null());
    EXPECT_TRUE(alert.at("resolution").is_null());
    EXPECT_TRUE(alert.at("submitted_at").is_string());
  }

  // The same external_ref again: the existing alert, not a duplicate; even with other content.
  HttpResult again = Do("POST", "/api/v1/alerts", efj_, body);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(IdOf(again), id);
  EXPECT_EQ(again.Header("location"), AlertPath(id));
  EXPECT_EQ(again.Header("etag"), "\"1\"");
  json::object changed = body;
  changed["title"] = "A retry with a corrected title";
  HttpResult retried = Do("POST", "/api/v1/alerts", efj_, changed);
  EXPECT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(IdOf(retried), id);
  EXPECT_EQ(VersionOf(retried), 1u);
  // The ref is the partner's own: another partner with the same ref gets its own alert.
  HttpResult other_partner = Do("POST", "/api/v1/alerts", ifj_, body);
  EXPECT_EQ(other_partner.status, 201) << other_partner.body;
  EXPECT_NE(IdOf(other_partner), id);

  // Idempotency-Key gives clients without refs the same guarantee.
  json::object keyed = AlertBody("Submitted with an idempotency key");
  const Headers key = {{"Idempotency-Key", "story-key-1"}};
  HttpResult first = Do("POST", "/api/v1/alerts", efj_, keyed, key);
  ASSERT_EQ(first.status, 201) << first.body;
  HttpResult repeat = Do("POST", "/api/v1/alerts", efj_, keyed, key);
  EXPECT_EQ(repeat.status, 200) << repeat.body;
  EXPECT_EQ(IdOf(repeat), IdOf(first));
  EXPECT_NE(IdOf(first), id);

  // The draft is invisible to the public and to other partners, visible to its owner.
  ExpectProblem(Read(AlertPath(id)), 404);
  ExpectProblem(Read(AlertPath(id), ifj_.secret), 404);
  ExpectProblem(Read(AlertPath(id), analyst_.secret), 404);
  ExpectProblem(Read(AlertPath(id) + "/history"), 404);
  EXPECT_EQ(Read(AlertPath(id), efj_.secret).status, 200);
  HttpResult public_list = Read("/api/v1/alerts?limit=200");
  ASSERT_EQ(public_list.status, 200) << public_list.body;
  EXPECT_FALSE(Contains(ListIds(public_list), id));
  EXPECT_TRUE(Contains(ListIds(Read("/api/v1/alerts?limit=200", efj_.secret)), id));
  EXPECT_FALSE(Contains(ListIds(Read("/api/v1/alerts?limit=200", ifj_.secret)), id));

  // The secretariat publishes.
  HttpResult published = Move(id, "published");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.Json().at("status"), "published");
  EXPECT_TRUE(published.Json().at("published_at").is_string());
  EXPECT_EQ(VersionOf(published), 2u);
  EXPECT_EQ(published.Header("etag"), "\"2\"");
  EXPECT_TRUE(Contains(ListIds(Read("/api/v1/alerts?limit=200")), id));

  // The state concerned replies; another state may not.
  HttpResult reply = Do("POST", AlertPath(id) + "/replies", state_by_,
                        json::object{{"text", "The journalist was released on bail."}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  {
    json::value alert = reply.Json();
    ASSERT_EQ(alert.at("state_replies").as_array().size(), 1u);
    const json::value& note = alert.at("state_replies").at(0);
    EXPECT_EQ(note.at("posted_by"), "state:BY");
    EXPECT_EQ(note.at("text"), "The journalist was released on bail.");
    EXPECT_EQ(note.at("id").to_number<int>(), 1);
    EXPECT_TRUE(note.at("date").is_string());
    EXPECT_EQ(alert.at("version").to_number<int>(), 3);
  }
  ExpectProblem(Do("POST", AlertPath(id) + "/replies", state_ru_,
                   json::object{{"text", "Not our business."}}),
                403);

  // The partner follows up; a partner that is not on the alert may not.
  HttpResult update = Do("POST", AlertPath(id) + "/updates", efj_,
                         json::object{{"text", "The trial starts next month."}});
  ASSERT_EQ(update.status, 201) << update.body;
  ASSERT_EQ(update.Json().at("updates").as_array().size(), 1u);
  EXPECT_EQ(update.Json().at("updates").at(0).at("posted_by"), "partner:efj");
  ExpectProblem(Do("POST", AlertPath(id) + "/updates", ifj_, json::object{{"text", "Us too."}}),
                403);

  // The secretariat resolves (a reason is required) and reopens.
  const uint64_t before_resolve = VersionOf(Read(AlertPath(id), editor_.secret));
  ExpectProblem(Move(id, "resolved"), 422, {"reason"});
  EXPECT_EQ(VersionOf(Read(AlertPath(id), editor_.secret)), before_resolve);
  HttpResult resolved = Move(id, "resolved", "The journalist was acquitted.");
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(resolved.Json().at("status"), "resolved");
  ASSERT_TRUE(resolved.Json().at("resolution").is_object()) << resolved.body;
  EXPECT_EQ(resolved.Json().at("resolution").at("reason"), "The journalist was acquitted.");
  EXPECT_TRUE(resolved.Json().at("resolution").at("date").is_string());
  EXPECT_EQ(Read(AlertPath(id)).status, 200) << "a resolved alert stays public";
  HttpResult reopened = Move(id, "published");
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.Json().at("status"), "published");
  EXPECT_TRUE(reopened.Json().at("resolution").is_null());

  // An editor corrects the title (the history then holds the old value, for editors only).
  const uint64_t version = VersionOf(reopened);
  HttpResult edited = Do("PATCH", AlertPath(id), editor_,
                         json::object{{"title", "Journalist detained in Minsk, released on bail"}},
                         {{"If-Match", Quoted(version)}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(VersionOf(edited), version + 1);

  // The public reads it, cacheably.
  HttpResult read = Read(AlertPath(id));
  ASSERT_EQ(read.status, 200) << read.body;
  const uint64_t current = VersionOf(read);
  EXPECT_EQ(current, version + 1);
  EXPECT_EQ(read.Header("etag"), Quoted(current));
  EXPECT_TRUE(read.Header("cache-control").starts_with("public")) << read.Header("cache-control");
  EXPECT_FALSE(read.Header("last-modified").empty());
  EXPECT_EQ(read.Header("content-type"), "application/json");
  {
    json::value alert = read.Json();
    EXPECT_EQ(alert.at("title"), "Journalist detained in Minsk, released on bail");
    EXPECT_EQ(alert.at("status"), "published");
    ASSERT_EQ(alert.at("state_replies").as_array().size(), 1u);
    EXPECT_EQ(alert.at("state_replies").at(0).at("text"), "The journalist was released on bail.");
    ASSERT_EQ(alert.at("updates").as_array().size(), 1u);
    EXPECT_EQ(alert.at("updates").at(0).at("text"), "The trial starts next month.");
    EXPECT_FALSE(alert.as_object().contains("submitted_by")) << "internal field shown";
  }
  // Revalidation with the ETag costs nothing; an old ETag gets the new alert.
  HttpResult not_modified = Read(AlertPath(id), "", {{"If-None-Match", Quoted(current)}});
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());
  EXPECT_EQ(not_modified.Header("etag"), Quoted(current));
  EXPECT_EQ(Read(AlertPath(id), "", {{"If-None-Match", Quoted(current - 1)}}).status, 200);

  // The public history: the public part only, oldest first.
  HttpResult history = Read(AlertPath(id) + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  json::value events = history.Json();
  ASSERT_TRUE(events.is_object() && events.as_object().contains("items")) << history.body;
  const json::array& items = events.at("items").as_array();
  ASSERT_GE(items.size(), 5u)
      << history.body;  // published, reply, update, resolved, reopened, edited
  EXPECT_FALSE(HasKey(events, "before")) << history.body;
  EXPECT_EQ(history.body.find("tok_"), std::string::npos) << history.body;
  for (const Token* token : {&efj_, &editor_, &state_by_})
    EXPECT_EQ(history.body.find(token->id), std::string::npos) << history.body;
  std::set<std::string> kinds, actors;
  uint64_t last_seq = 0;
  for (const auto& event : items) {
    EXPECT_GT(event.at("seq").to_number<uint64_t>(), last_seq) << "not oldest first";
    last_seq = event.at("seq").to_number<uint64_t>();
    EXPECT_NE(event.at("status"), "draft") << "a draft-time event is public: " << history.body;
    kinds.insert(std::string(event.at("kind").as_string()));
    actors.insert(std::string(event.at("actor").as_string()));
  }
  EXPECT_TRUE(kinds.count("transitioned") && kinds.count("reply_added") &&
              kinds.count("update_added") && kinds.count("edited"))
      << history.body;
  EXPECT_EQ(actors, (std::set<std::string>{"secretariat", "state:BY", "partner:efj"}));

  // Editors see the whole history, draft time and previous values included.
  HttpResult full = Read(AlertPath(id) + "/history", editor_.secret);
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_TRUE(HasKey(full.Json(), "before")) << full.body;
  EXPECT_GT(full.Json().at("items").as_array().size(), items.size());
  EXPECT_EQ(full.Json().at("items").at(0).at("kind"), "created");
}

TEST_F(HttpStoryTest, WithheldVictimsReachOnlyEditorsAndTheAlertsPartners) {
  json::object body = AlertBody("Reporter threatened in Minsk", "BY", "2023-06-02");
  body["victims"].as_array().push_back(WithheldVictim());
  body["categories"] = json::array{"harassment"};
  body["victims"].as_array()[0].as_object()["detentions"] = json::array{};
  const uint64_t id = Submit(efj_, body);
  ASSERT_GT(id, 0u);

  // While it is a draft, the public's 404 and a search say nothing.
  std::vector<HttpResult> hidden;
  hidden.push_back(Read(AlertPath(id)));
  hidden.push_back(Read(AlertPath(id), ifj_.secret));
  hidden.push_back(Read(AlertPath(id) + "/history"));
  hidden.push_back(Read("/api/v1/alerts?q=Zxqwithheld"));

  ASSERT_EQ(Move(id, "published").status, 200);

  // Everyone but editors and the alert's partners.
  std::vector<std::pair<std::string, std::string>> outsiders = {{"public", ""},
                                                                {"partner ifj", ifj_.secret},
                                                                {"state BY", state_by_.secret},
                                                                {"analyst", analyst_.secret},
                                                                {"admin", server_->admin_token()}};
  const std::string encoded_name = "Zxqwithheld%20Name";
  for (const auto& [who, token] : outsiders) {
    SCOPED_TRACE(who);
    HttpResult alert = Read(AlertPath(id), token);
    ASSERT_EQ(alert.status, 200) << alert.body;
    // The victim is there, anonymised: no name, no outlet key at all.
    const json::value body = alert.Json();
    const json::array& victims = body.at("victims").as_array();
    ASSERT_EQ(victims.size(), 2u);
    EXPECT_EQ(victims[0].at("name"), "A. N.");
    EXPECT_TRUE(victims[1].at("withheld").as_bool());
    EXPECT_FALSE(victims[1].as_object().contains("name"));
    EXPECT_FALSE(victims[1].as_object().contains("outlet"));
    hidden.push_back(alert);
    hidden.push_back(Read("/api/v1/alerts?country=BY&limit=200", token));
    hidden.push_back(Read("/api/v1/alerts?partner=efj&limit=200", token));
    hidden.push_back(Read("/api/v1/alerts?q=" + encoded_name, token));
    hidden.push_back(Read(AlertPath(id) + "/history", token));
  }
  // Error answers about the alert to outsiders.
  hidden.push_back(Do("POST", AlertPath(id) + "/updates", ifj_, json::object{{"text", "x"}}));
  hidden.push_back(Do("POST", AlertPath(id) + "/replies", state_ru_, json::object{{"text", "x"}}));
  hidden.push_back(
      Do("PATCH", AlertPath(id), ifj_, json::object{{"title", "x"}}, {{"If-Match", "\"2\""}}));
  hidden.push_back(
      Call(port(), "PATCH", AlertPath(id), "", "{\"title\":\"x\"}", {{"If-Match", "\"2\""}}));
  hidden.push_back(Do("POST", AlertPath(id) + "/transitions", analyst_,
                      json::object{{"to", "resolved"}, {"reason", "x"}}));
  // A state reply is answered with the alert, in the state's view.
  HttpResult reply = Do("POST", AlertPath(id) + "/replies", state_by_,
                        json::object{{"text", "We looked into it."}});
  EXPECT_EQ(reply.status, 201) << reply.body;
  hidden.push_back(reply);
  for (const HttpResult& result : hidden)
    EXPECT_EQ(Everything(result).find(kWithheldMarker), std::string::npos)
        << "withheld name leaked (status " << result.status << "): " << result.body;

  // The secretariat and the alert's own partner see them, in the alert and in lists.
  for (const Token* insider : {&editor_, &efj_}) {
    HttpResult alert = Read(AlertPath(id), insider->secret);
    ASSERT_EQ(alert.status, 200);
    const json::value victim = alert.Json().at("victims").at(1);
    EXPECT_EQ(victim.at("name"), json::value(std::string(kWithheldName)));
    EXPECT_EQ(victim.at("outlet"), json::value(std::string(kWithheldOutlet)));
    EXPECT_EQ(alert.Header("cache-control").find("public"), std::string::npos)
        << "a response with withheld names must not be cached publicly";
    HttpResult list = Read("/api/v1/alerts?partner=efj&limit=200", insider->secret);
    EXPECT_NE(list.body.find(kWithheldName), std::string::npos);
  }
  // A partner added to the alert later becomes one of "the alert's partners".
  HttpResult current = Read(AlertPath(id), editor_.secret);
  HttpResult added =
      Do("PATCH", AlertPath(id), editor_, json::object{{"partners", json::array{"efj", "ifj"}}},
         {{"If-Match", current.Header("etag")}});
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_NE(Read(AlertPath(id), ifj_.secret).body.find(kWithheldName), std::string::npos);
}

// The full history is for the secretariat's work; admins operate the service and are not
// among those who may read withheld names (SPEC "Privacy and safety").
TEST_F(HttpStoryTest, EditedWithheldNamesStayOutOfOtherReadersHistories) {
  json::object body = AlertBody("Editor corrects a withheld victim", "BY", "2023-07-01");
  body["victims"] = json::array{WithheldVictim()};
  const uint64_t id = SubmitPublished(efj_, body);
  HttpResult current = Read(AlertPath(id), editor_.secret);
  json::object victim = WithheldVictim();
  victim["name"] = "Zxqwithheld Corrected";
  HttpResult edited =
      Do("PATCH", AlertPath(id), editor_, json::object{{"victims", json::array{victim}}},
         {{"If-Match", current.Header("etag")}});
  ASSERT_EQ(edited.status, 200) << edited.body;

  HttpResult editor_history = Read(AlertPath(id) + "/history", editor_.secret);
  EXPECT_NE(editor_history.body.find(kWithheldName), std::string::npos)
      << "editors see previous values";
  for (const auto& [who, token] :
       std::vector<std::pair<std::string, std::string>>{{"public", ""},
                                                        {"partner ifj", ifj_.secret},
                                                        {"analyst", analyst_.secret},
                                                        {"state BY", state_by_.secret},
                                                        {"admin", server_->admin_token()}}) {
    SCOPED_TRACE(who);
    HttpResult history = Read(AlertPath(id) + "/history", token);
    ASSERT_EQ(history.status, 200) << history.body;
    EXPECT_EQ(history.body.find(kWithheldMarker), std::string::npos)
        << "withheld name in the history: " << history.body;
  }
}

TEST_F(HttpStoryTest, EditsNeedTheCurrentVersion) {
  const uint64_t id = Submit(efj_, AlertBody("Draft the partner corrects", "PL", "2023-02-01"));
  ASSERT_GT(id, 0u);
  // The owning partner edits its draft, as a merge patch.
  HttpResult edited =
      Call(port(), "PATCH", AlertPath(id), efj_.secret,
           R"({"title":"Corrected draft title","sources":null})",
           {{"Content-Type", "application/merge-patch+json"}, {"If-Match", "\"1\""}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(VersionOf(edited), 2u);
  EXPECT_EQ(edited.Header("etag"), "\"2\"");
  EXPECT_EQ(edited.Json().at("title"), "Corrected draft title");
  EXPECT_EQ(edited.Json().at("sources"), json::array{});
  EXPECT_EQ(edited.Json().at("country"), "PL") << "fields not in the patch stay";

  // Stale and missing versions change nothing.
  ExpectProblem(
      Do("PATCH", AlertPath(id), efj_, json::object{{"title", "Stale"}}, {{"If-Match", "\"1\""}}),
      412);
  ExpectProblem(Do("PATCH", AlertPath(id), efj_, json::object{{"title", "Blind"}}), 428);
  json::value now = EditorView(id);
  EXPECT_EQ(now.at("version").to_number<int>(), 2);
  EXPECT_EQ(now.at("title"), "Corrected draft title");

  // Another partner cannot see the draft, so cannot edit it.
  ExpectProblem(Do("PATCH", AlertPath(id), ifj_, json::object{{"title", "Mine now"}},
                   {{"If-Match", "\"2\""}}),
                404);

  // Once published, partners no longer edit; editors do, "*" meaning any version.
  ASSERT_EQ(Move(id, "published").status, 200);
  ExpectProblem(Do("PATCH", AlertPath(id), efj_, json::object{{"title", "Too late"}},
                   {{"If-Match", "\"3\""}}),
                403);
  HttpResult by_editor =
      Do("PATCH", AlertPath(id), editor_, json::object{{"level", 2}}, {{"If-Match", "\"3\""}});
  ASSERT_EQ(by_editor.status, 200) << by_editor.body;
  EXPECT_EQ(by_editor.Json().at("level").to_number<int>(), 2);
  EXPECT_EQ(VersionOf(by_editor), 4u);
  HttpResult any =
      Do("PATCH", AlertPath(id), editor_, json::object{{"level", 1}}, {{"If-Match", "*"}});
  ASSERT_EQ(any.status, 200) << any.body;
  EXPECT_EQ(VersionOf(any), 5u);
  // A patch that changes nothing makes no new version.
  HttpResult same =
      Do("PATCH", AlertPath(id), editor_, json::object{{"level", 1}}, {{"If-Match", "\"5\""}});
  EXPECT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(VersionOf(same), 5u);
  EXPECT_EQ(VersionOf(Read(AlertPath(id))), 5u);
}

TEST_F(HttpStoryTest, MergedDuplicateRedirectsToTheAlertItWasMergedInto) {
  json::object original = AlertBody("Photographer beaten at rally", "PL", "2023-04-11");
  original["categories"] = json::array{"attack"};
  original["external_ref"] = "efj-merge-original";
  json::object duplicate = original;
  duplicate["external_ref"] = "ifj-merge-duplicate";
  duplicate["sources"] = json::array{"https://example.org/duplicate"};
  const uint64_t into = SubmitPublished(efj_, original);
  const uint64_t from = SubmitPublished(ifj_, duplicate);
  ASSERT_GT(into, 0u);
  ASSERT_GT(from, 0u);
  const uint64_t into_version = VersionOf(Read(AlertPath(into)));

  ExpectProblem(Do("POST", AlertPath(from) + "/merge", efj_, json::object{{"into", into}}), 403);
  HttpResult merged = Do("POST", AlertPath(from) + "/merge", editor_, json::object{{"into", into}});
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(IdOf(merged), into);
  EXPECT_EQ(VersionOf(merged), into_version + 1);
  {
    json::value alert = merged.Json();
    const json::array& partners = alert.at("partners").as_array();
    EXPECT_NE(std::find(partners.begin(), partners.end(), json::value("ifj")), partners.end())
        << "the duplicate's partners join";
    const json::array& sources = alert.at("sources").as_array();
    EXPECT_NE(
        std::find(sources.begin(), sources.end(), json::value("https://example.org/duplicate")),
        sources.end());
  }

  for (const std::string& token : {std::string(), editor_.secret, ifj_.secret}) {
    HttpResult old = Read(AlertPath(from), token);
    EXPECT_EQ(old.status, 301) << old.body;
    EXPECT_EQ(old.Header("location"), AlertPath(into));
  }
  HttpResult list = Read("/api/v1/alerts?country=PL&limit=200");
  EXPECT_FALSE(Contains(ListIds(list), from));
  EXPECT_TRUE(Contains(ListIds(list), into));
  // The duplicate's partner resubmitting its ref lands on the surviving alert.
  HttpResult resubmitted = Do("POST", "/api/v1/alerts", ifj_, duplicate);
  EXPECT_EQ(resubmitted.status, 200) << resubmitted.body;
  EXPECT_EQ(IdOf(resubmitted), into);
  // The pointer takes no more changes.
  ExpectProblem(Do("POST", AlertPath(from) + "/merge", editor_, json::object{{"into", into}}), 409);
  ExpectProblem(Do("POST", AlertPath(from) + "/updates", editor_, json::object{{"text", "x"}}),
                409);
}

TEST_F(HttpStoryTest, RevokedTokenIsRejected) {
  Token token = Issue("partner", "index");
  EXPECT_EQ(Do("POST", "/api/v1/alerts", token, AlertBody("Before revocation")).status, 201);

  HttpResult revoked = Call(port(), "DELETE", "/api/v1/tokens/" + token.id, server_->admin_token());
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_TRUE(revoked.Json().at("revoked_at").is_string()) << revoked.body;
  EXPECT_EQ(revoked.body.find(token.secret), std::string::npos);

  HttpResult refused = Do("POST", "/api/v1/alerts", token, AlertBody("After revocation"));
  ExpectProblem(refused, 401);
  EXPECT_TRUE(refused.Header("www-authenticate").starts_with("Bearer"))
      << refused.Header("www-authenticate");
  ExpectProblem(Read("/api/v1/alerts", token.secret), 401);
  // Revoking twice is harmless; the token stays revoked.
  EXPECT_EQ(Call(port(), "DELETE", "/api/v1/tokens/" + token.id, server_->admin_token()).status,
            200);
  EXPECT_EQ(Do("POST", "/api/v1/alerts", token, AlertBody("Still revoked")).status, 401);
  // Other tokens are not affected.
  EXPECT_EQ(Do("POST", "/api/v1/alerts", efj_, AlertBody("Unaffected")).status, 201);
}

// Walks every page of `target` (which has no cursor yet); the items in order.
std::vector<json::value> WalkPages(uint16_t port, const std::string& target,
                                   const std::string& token, uint64_t* total, int* pages) {
  std::vector<json::value> items;
  std::string cursor;
  *pages = 0;
  for (int guard = 0; guard < 1000; ++guard) {
    std::string url = target + (cursor.empty() ? "" : "&cursor=" + cursor);
    HttpResult page = Call(port, "GET", url, token);
    EXPECT_EQ(page.status, 200) << url << ": " << page.body;
    if (page.status != 200) break;
    ++*pages;
    json::value body = page.Json();
    if (*pages == 1) *total = body.at("total").to_number<uint64_t>();
    EXPECT_EQ(body.at("total").to_number<uint64_t>(), *total) << "total changed while paging";
    for (const auto& item : body.at("items").as_array()) items.push_back(item);
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
    EXPECT_FALSE(cursor.empty());
  }
  return items;
}

std::vector<uint64_t> Ids(const std::vector<json::value>& items) {
  std::vector<uint64_t> ids;
  for (const auto& item : items) ids.push_back(item.at("id").to_number<uint64_t>());
  return ids;
}

TEST_F(HttpStoryTest, ListsFilterSortAndPage) {
  // Alerts of one partner no other test uses, so counts are exact.
  struct Spec {
    const char* country;
    const char* date;
    const char* category;
    bool publish;
  };
  const std::vector<Spec> specs = {
      {"UA", "2022-03-01", "attack", true},    {"UA", "2022-05-10", "detention", true},
      {"UA", "2022-05-10", "attack", false},   {"PL", "2021-12-24", "harassment", true},
      {"PL", "2023-01-15", "chilling", true},  {"BY", "2020-08-09", "detention", false},
      {"BY", "2020-08-09", "detention", true}, {"RU", "2019-11-30", "attack", true}};
  std::vector<uint64_t> all, published, drafts;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    json::object body =
        AlertBody("rsf list alert " + std::to_string(i), specs[i].country, specs[i].date);
    body["categories"] = json::array{specs[i].category};
    uint64_t id = specs[i].publish ? SubmitPublished(rsf_, body) : Submit(rsf_, body);
    ASSERT_GT(id, 0u);
    all.push_back(id);
    (specs[i].publish ? published : drafts).push_back(id);
  }
  auto sorted = [](std::vector<uint64_t> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  auto count_where = [&](auto predicate) {
    std::vector<uint64_t> ids;
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (predicate(specs[i])) ids.push_back(all[i]);
    return sorted(ids);
  };

  // Who sees what.
  HttpResult public_list = Read("/api/v1/alerts?partner=rsf");
  ASSERT_EQ(public_list.status, 200) << public_list.body;
  EXPECT_EQ(public_list.Json().at("total").to_number<uint64_t>(), published.size());
  EXPECT_EQ(sorted(ListIds(public_list)), sorted(published));
  EXPECT_TRUE(public_list.Json().at("next_cursor").is_null());
  EXPECT_TRUE(public_list.Header("cache-control").starts_with("public"));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf", editor_.secret))), sorted(all));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf", rsf_.secret))), sorted(all));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf", ifj_.secret))), sorted(published));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&status=draft", editor_.secret))),
            sorted(drafts));
  HttpResult public_drafts = Read("/api/v1/alerts?partner=rsf&status=draft");
  ASSERT_EQ(public_drafts.status, 200) << public_drafts.body;
  EXPECT_EQ(public_drafts.Json().at("total").to_number<int>(), 0);
  EXPECT_TRUE(ListIds(public_drafts).empty());

  // Filters, alone and together.
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&country=UA"))),
            count_where([](const Spec& s) { return s.publish && std::string(s.country) == "UA"; }));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&country=UA,PL"))),
            count_where([](const Spec& s) {
              return s.publish &&
                     (std::string(s.country) == "UA" || std::string(s.country) == "PL");
            }));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&category=attack", editor_.secret))),
            count_where([](const Spec& s) { return std::string(s.category) == "attack"; }));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&country=UA&category=attack"))),
            count_where([](const Spec& s) {
              return s.publish && std::string(s.country) == "UA" &&
                     std::string(s.category) == "attack";
            }));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&from=2021-01-01&to=2022-05-10"))),
            count_where([](const Spec& s) {
              return s.publish && std::string(s.date) >= "2021-01-01" &&
                     std::string(s.date) <= "2022-05-10";
            }));
  HttpResult by_country = Read("/api/v1/alerts?country=RU&partner=rsf");
  const json::value by_country_body = by_country.Json();
  ASSERT_EQ(by_country.status, 200) << by_country.body;
  EXPECT_FALSE(by_country_body.at("items").as_array().empty());
  for (const auto& item : by_country_body.at("items").as_array())
    EXPECT_EQ(item.at("country"), "RU");

  // Paging: small pages walk every alert once, in order, with a stable total.
  for (const char* sort_param :
       {"", "&sort=-incident_date", "&sort=incident_date", "&sort=-updated_at"}) {
    const std::string sort = sort_param;
    SCOPED_TRACE("sort" + sort);
    uint64_t total = 0;
    int pages = 0;
    std::vector<json::value> items = WalkPages(port(), "/api/v1/alerts?partner=rsf&limit=3" + sort,
                                               editor_.secret, &total, &pages);
    EXPECT_EQ(total, all.size());
    EXPECT_EQ(pages, 3);
    std::vector<uint64_t> ids = Ids(items);
    EXPECT_EQ(std::set<uint64_t>(ids.begin(), ids.end()).size(), ids.size()) << "repeated items";
    EXPECT_EQ(sorted(ids), sorted(all));
    const std::string key = sort == "&sort=-updated_at" ? "updated_at" : "incident_date";
    const bool ascending = sort == "&sort=incident_date";
    for (std::size_t i = 1; i < items.size(); ++i) {
      std::string prev(items[i - 1].at(key).as_string()), next(items[i].at(key).as_string());
      if (ascending)
        EXPECT_LE(prev, next) << "item " << i;
      else
        EXPECT_GE(prev, next) << "item " << i;
    }
  }
  // The default sort is -incident_date.
  std::vector<uint64_t> default_order = ListIds(Read("/api/v1/alerts?partner=rsf", editor_.secret));
  std::vector<uint64_t> explicit_order =
      ListIds(Read("/api/v1/alerts?partner=rsf&sort=-incident_date", editor_.secret));
  EXPECT_EQ(default_order, explicit_order);
  ASSERT_FALSE(default_order.empty());
  EXPECT_EQ(default_order.front(), all[4]);  // PL 2023-01-15, the latest incident

  // The whole public list pages the same way: every published alert once, no drafts.
  uint64_t total = 0;
  int pages = 0;
  std::vector<json::value> everything =
      WalkPages(port(), "/api/v1/alerts?limit=2", "", &total, &pages);
  EXPECT_EQ(everything.size(), total);
  std::vector<uint64_t> ids = Ids(everything);
  EXPECT_EQ(std::set<uint64_t>(ids.begin(), ids.end()).size(), ids.size());
  for (const auto& item : everything) {
    const std::string status(item.at("status").as_string());
    EXPECT_TRUE(status == "published" || status == "resolved") << status;
  }
  for (uint64_t id : published) EXPECT_TRUE(Contains(ids, id)) << id;
  for (uint64_t id : drafts) EXPECT_FALSE(Contains(ids, id)) << id;
}

}  // namespace
}  // namespace soj::testing
