// Every way a request can go wrong, over HTTP to the real soj-tracker binary: each answer has
// the right status and is an RFC 9457 problem (application/problem+json with "type",
// "title", "status" equal to the HTTP status, "detail", and "errors" naming the fields), and
// a rejected write changes nothing (SPEC "Bad input gets a clear 4xx and changes nothing").
//
// One server serves the whole suite (SetUpTestSuite); each test creates its own alerts.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/http_harness.hpp"
#include "tests/integration/http_story_fixture.hpp"

namespace soj::testing {
namespace {

// ExpectProblem (http_story_fixture.hpp), and also: `status` is a number, every entry of
// "errors" names a field with a message, and a 401 carries a Bearer challenge.
void ExpectFullProblem(const HttpResult& result, int status,
                       const std::vector<std::string>& fields = {}) {
  ExpectProblem(result, status, fields);
  if (::testing::Test::HasFatalFailure()) return;
  const json::value body = result.Json();
  const json::object& problem = body.as_object();
  EXPECT_TRUE(problem.at("status").is_number()) << result.body;
  ASSERT_TRUE(problem.contains("errors") && problem.at("errors").is_array()) << result.body;
  for (const auto& error : problem.at("errors").as_array()) {
    ASSERT_TRUE(error.is_object()) << result.body;
    EXPECT_TRUE(error.as_object().contains("field")) << result.body;
    EXPECT_TRUE(error.as_object().contains("message") && error.at("message").is_string() &&
                !error.at("message").as_string().empty())
        << result.body;
  }
  if (status == 401 && result.status == 401) {
    EXPECT_TRUE(result.Header("www-authenticate").starts_with("Bearer"))
        << "401 without a Bearer challenge";
  }
}

// Smaller than the fixture's AlertBody: the fields a submission needs, one bare victim.
json::object MinimalAlertBody(std::string_view title) {
  return json::object{
      {"title", title},
      {"description", "A journalist was detained."},
      {"country", "BY"},
      {"incident_date", "2023-03-14"},
      {"categories", json::array{"detention"}},
      {"threat_source", "state"},
      {"level", 1},
      {"victims", json::array{json::object{{"name", "A. N."}, {"kind", "journalist"}}}}};
}

class HttpErrorsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServerProcess>();
    efj_ = server_->CreateToken("partner", "efj");
    ifj_ = server_->CreateToken("partner", "ifj");
    editor_ = server_->CreateToken("editor");
    state_by_ = server_->CreateToken("state", "", "BY");
    state_ru_ = server_->CreateToken("state", "", "RU");
    analyst_ = server_->CreateToken("analyst");
  }
  static void TearDownTestSuite() { server_.reset(); }

  static uint16_t port() { return server_->port(); }

  static HttpResult Post(const std::string& target, const std::string& token,
                         const json::value& body, Headers headers = {}) {
    return Call(port(), "POST", target, token, json::serialize(body), std::move(headers));
  }
  static HttpResult Patch(uint64_t id, const std::string& token, const json::value& body,
                          Headers headers) {
    return Call(port(), "PATCH", AlertPath(id), token, json::serialize(body), std::move(headers));
  }
  static HttpResult Read(const std::string& target, const std::string& token = "") {
    return Call(port(), "GET", target, token);
  }

  // A draft by partner efj.
  static uint64_t Draft(std::string_view title = "Draft under test") {
    HttpResult created = Post("/api/v1/alerts", efj_, MinimalAlertBody(title));
    EXPECT_EQ(created.status, 201) << created.body;
    json::value body = created.Json();
    return body.is_object() ? body.at("id").to_number<uint64_t>() : 0;
  }
  static uint64_t Published(std::string_view title = "Published alert under test") {
    uint64_t id = Draft(title);
    HttpResult moved =
        Post(AlertPath(id) + "/transitions", editor_, json::object{{"to", "published"}});
    EXPECT_EQ(moved.status, 200) << moved.body;
    return id;
  }
  // The alert as the editor sees it: compared before and after rejected writes.
  static std::string Snapshot(uint64_t id) {
    HttpResult read = Read(AlertPath(id), editor_);
    EXPECT_EQ(read.status, 200) << read.body;
    return read.body;
  }

  static std::unique_ptr<ServerProcess> server_;
  static std::string efj_, ifj_, editor_, state_by_, state_ru_, analyst_;
};

std::unique_ptr<ServerProcess> HttpErrorsTest::server_;
std::string HttpErrorsTest::efj_, HttpErrorsTest::ifj_, HttpErrorsTest::editor_,
    HttpErrorsTest::state_by_, HttpErrorsTest::state_ru_, HttpErrorsTest::analyst_;

TEST_F(HttpErrorsTest, UnknownRouteIsNotFound) {
  for (const std::string target : {"/nowhere", "/api/v1/nothing", "/api/v1/alerts/1/nothing",
                                   "/api/v2/alerts", "/api/v1/alerts/1/history/extra"}) {
    SCOPED_TRACE(target);
    ExpectFullProblem(Read(target), 404);
    ExpectFullProblem(Read(target, editor_), 404);
  }
}

TEST_F(HttpErrorsTest, WrongMethodIsNotAllowedWithAllow) {
  HttpResult on_list = Call(port(), "DELETE", "/api/v1/alerts", editor_);
  ExpectFullProblem(on_list, 405);
  EXPECT_EQ(on_list.Header("allow"), "POST, GET, HEAD");

  const uint64_t id = Published();
  const std::string before = Snapshot(id);
  HttpResult put =
      Call(port(), "PUT", AlertPath(id), editor_, json::serialize(MinimalAlertBody("x")));
  ExpectFullProblem(put, 405);
  const std::string allow = put.Header("allow");
  for (const char* method : {"GET", "PATCH", "HEAD"})
    EXPECT_NE(allow.find(method), std::string::npos) << allow;
  EXPECT_EQ(allow.find("PUT"), std::string::npos) << allow;
  ExpectFullProblem(Call(port(), "DELETE", AlertPath(id), editor_), 405);
  HttpResult get_transitions = Read(AlertPath(id) + "/transitions");
  ExpectFullProblem(get_transitions, 405);
  EXPECT_EQ(get_transitions.Header("allow"), "POST");
  EXPECT_EQ(Snapshot(id), before);
}

TEST_F(HttpErrorsTest, IdsThatNameNoAlertAreNotFoundNeverServerErrors) {
  const std::vector<std::string> ids = {"abc",
                                        "0",
                                        "99999999999999999999",
                                        "-1",
                                        "1.5",
                                        "0x1",
                                        "01",
                                        "+1",
                                        "9999999999999999999",
                                        "18446744073709551616",
                                        "1%00",
                                        "%2e%2e"};
  for (const std::string& id : ids) {
    SCOPED_TRACE(id);
    const std::string path = "/api/v1/alerts/" + id;
    ExpectFullProblem(Read(path), 404);
    ExpectFullProblem(Read(path, editor_), 404);
    ExpectFullProblem(Read(path + "/history", editor_), 404);
    ExpectFullProblem(
        Call(port(), "PATCH", path, editor_, "{\"level\":2}", {{"If-Match", "\"1\""}}), 404);
    ExpectFullProblem(Post(path + "/transitions", editor_, json::object{{"to", "published"}}), 404);
    ExpectFullProblem(Post(path + "/replies", editor_, json::object{{"text", "x"}}), 404);
    ExpectFullProblem(Post(path + "/updates", editor_, json::object{{"text", "x"}}), 404);
  }
  EXPECT_EQ(Read("/healthz").status, 200);
}

TEST_F(HttpErrorsTest, MalformedJsonIsBadRequest) {
  const uint64_t id = Draft();
  const std::string before = Snapshot(id);
  for (const std::string text :
       {"{\"title\": ", "{title: 1}", "{\"a\":1,}", "not json", "{\"a\":1} trailing", "\xff\xfe{}",
        "{\"a\":\"\xc3\x28\"}", "/* comment */ {}"}) {
    SCOPED_TRACE(text);
    ExpectFullProblem(Call(port(), "POST", "/api/v1/alerts", efj_, text), 400);
    ExpectFullProblem(Call(port(), "PATCH", AlertPath(id), efj_, text, {{"If-Match", "\"1\""}}),
                      400);
    ExpectFullProblem(Call(port(), "POST", AlertPath(id) + "/transitions", editor_, text), 400);
    ExpectFullProblem(Call(port(), "POST", AlertPath(id) + "/updates", efj_, text), 400);
  }
  // An empty body is not a JSON document either.
  ExpectFullProblem(
      Call(port(), "POST", "/api/v1/alerts", efj_, "", {{"Content-Type", "application/json"}}),
      400);
  EXPECT_EQ(Snapshot(id), before);
}

TEST_F(HttpErrorsTest, WrongContentTypeIsUnsupported) {
  const uint64_t id = Draft();
  const std::string before = Snapshot(id);
  const std::string alert = json::serialize(MinimalAlertBody("Sent as text"));
  ExpectFullProblem(
      Call(port(), "POST", "/api/v1/alerts", efj_, alert, {{"Content-Type", "text/plain"}}), 415);
  ExpectFullProblem(Call(port(), "POST", "/api/v1/alerts", efj_, alert,
                         {{"Content-Type", "application/x-www-form-urlencoded"}}),
                    415);
  // Merge patch is a PATCH format, not a POST one.
  ExpectFullProblem(Call(port(), "POST", "/api/v1/alerts", efj_, alert,
                         {{"Content-Type", "application/merge-patch+json"}}),
                    415);
  ExpectFullProblem(Call(port(), "PATCH", AlertPath(id), efj_, "{\"level\":2}",
                         {{"Content-Type", "text/plain"}, {"If-Match", "\"1\""}}),
                    415);
  ExpectFullProblem(Call(port(), "POST", AlertPath(id) + "/updates", efj_, "{\"text\":\"x\"}",
                         {{"Content-Type", "text/plain"}}),
                    415);
  EXPECT_EQ(Snapshot(id), before);

  // The accepted types, parameters allowed.
  EXPECT_EQ(Call(port(), "POST", "/api/v1/alerts", efj_, alert,
                 {{"Content-Type", "application/json; charset=utf-8"}})
                .status,
            201);
  HttpResult patched =
      Call(port(), "PATCH", AlertPath(id), efj_, "{\"level\":2}",
           {{"Content-Type", "application/merge-patch+json"}, {"If-Match", "\"1\""}});
  EXPECT_EQ(patched.status, 200) << patched.body;
  HttpResult patched_json = Call(port(), "PATCH", AlertPath(id), efj_, "{\"level\":1}",
                                 {{"Content-Type", "application/json"}, {"If-Match", "\"2\""}});
  EXPECT_EQ(patched_json.status, 200) << patched_json.body;
}

TEST_F(HttpErrorsTest, InvalidAlertNamesEveryBadFieldAtOnce) {
  json::object body = MinimalAlertBody("Several things wrong");
  body["country"] = "US";
  body["incident_date"] = "2999-01-01";
  body["categories"] = json::array{};
  body["colour"] = "red";
  body["victims"] = json::array{json::object{{"name", "No kind given"}}};
  HttpResult refused = Post("/api/v1/alerts", efj_, body);
  ExpectFullProblem(refused, 422,
                    {"country", "incident_date", "categories", "colour", "victims[0].kind"});

  // More shapes of wrong, each naming its field.
  struct Case {
    const char* field;
    json::value value;
    const char* error_field;
  };
  const std::vector<Case> cases = {
      {"title", "", "title"},
      {"title", 42, "title"},
      {"level", 3, "level"},
      {"threat_source", "aliens", "threat_source"},
      {"incident_date", "2023-02-30", "incident_date"},
      {"categories", json::array{"attack", "attack"}, "categories[1]"},
      {"categories", json::array{"gossip"}, "categories[0]"},
      {"sources", json::array{"ftp://example.org/x"}, "sources[0]"},
      {"partners", json::array{"efj", "nobody"}, "partners[1]"},
      {"translations", json::object{{"de", json::object{{"title", "x"}}}}, "translations.de"},
      {"id", 7, "id"},
      {"status", "published", "status"},
      {"version", 9, "version"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.field) + " = " + json::serialize(c.value));
    json::object bad = MinimalAlertBody("One thing wrong");
    bad[c.field] = c.value;
    ExpectFullProblem(Post("/api/v1/alerts", efj_, bad), 422, {c.error_field});
  }
  // Required fields, all missing together.
  ExpectFullProblem(
      Post("/api/v1/alerts", efj_, json::object{}), 422,
      {"title", "description", "country", "incident_date", "categories", "threat_source", "level"});
  // Victims: name required unless withheld; detentions in order.
  json::object victims = MinimalAlertBody("Bad victims");
  victims["victims"] = json::array{
      json::object{{"kind", "journalist"}}, json::object{{"name", "B"}, {"kind", "spy"}},
      json::object{{"name", "C"},
                   {"kind", "journalist"},
                   {"detentions",
                    json::array{json::object{{"from", "2023-03-10"}, {"until", "2023-03-01"}}}}}};
  ExpectFullProblem(Post("/api/v1/alerts", efj_, victims), 422,
                    {"victims[0].name", "victims[1].kind", "victims[2].detentions[0].until"});

  // None of it was stored: the partner's own list has no such titles.
  HttpResult list = Read("/api/v1/alerts?limit=200", efj_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("Several things wrong"), std::string::npos);
  EXPECT_EQ(list.body.find("One thing wrong"), std::string::npos);
  EXPECT_EQ(list.body.find("Bad victims"), std::string::npos);
}

TEST_F(HttpErrorsTest, BodyThatIsNotAnObjectIsInvalid) {
  const uint64_t id = Draft();
  const std::string before = Snapshot(id);
  for (const std::string text : {"[]", "[{\"title\":\"x\"}]", "\"alert\"", "42", "null", "true"}) {
    SCOPED_TRACE(text);
    ExpectFullProblem(Call(port(), "POST", "/api/v1/alerts", efj_, text), 422);
    ExpectFullProblem(Call(port(), "POST", AlertPath(id) + "/transitions", editor_, text), 422);
    ExpectFullProblem(Call(port(), "POST", AlertPath(id) + "/updates", efj_, text), 422);
    HttpResult patch = Call(port(), "PATCH", AlertPath(id), efj_, text, {{"If-Match", "\"1\""}});
    EXPECT_TRUE(patch.status == 400 || patch.status == 422) << patch.status << patch.body;
    ExpectFullProblem(patch, patch.status);
  }
  EXPECT_EQ(Snapshot(id), before);
}

TEST_F(HttpErrorsTest, DeepNestingIsRefusedWithoutACrash) {
  const uint64_t id = Draft();
  const std::string before = Snapshot(id);
  const std::string open(10000, '[');
  const std::string closed = open + std::string(10000, ']');
  std::string objects;
  for (int i = 0; i < 10000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(10000, '}');
  for (const std::string* text : {&open, &closed, static_cast<const std::string*>(&objects)}) {
    ExpectFullProblem(Call(port(), "POST", "/api/v1/alerts", efj_, *text), 400);
    ExpectFullProblem(Call(port(), "PATCH", AlertPath(id), efj_, *text, {{"If-Match", "\"1\""}}),
                      400);
    ExpectFullProblem(Call(port(), "POST", AlertPath(id) + "/transitions", editor_, *text), 400);
  }
  // Nesting inside an otherwise good alert.
  json::object nested = MinimalAlertBody("Nested too deep");
  std::string text = json::serialize(nested);
  text.insert(text.size() - 1, ",\"colour\":" + open);
  ExpectFullProblem(Call(port(), "POST", "/api/v1/alerts", efj_, text), 400);

  EXPECT_EQ(Read("/healthz").status, 200) << "the server survived";
  EXPECT_EQ(Snapshot(id), before);
}

TEST_F(HttpErrorsTest, MissingMalformedOrUnknownTokenIsUnauthenticated) {
  const std::string alert = json::serialize(MinimalAlertBody("Who are you"));
  auto submit = [&](Headers headers) {
    headers.emplace_back("Content-Type", "application/json");
    return Send(port(), {"POST", "/api/v1/alerts", alert, std::move(headers), ""});
  };
  ExpectFullProblem(submit({}), 401);
  ExpectFullProblem(submit({{"Authorization", "Basic x"}}), 401);
  ExpectFullProblem(submit({{"Authorization", "Basic " + efj_}}), 401);
  ExpectFullProblem(submit({{"Authorization", "Bearer"}}), 401);
  ExpectFullProblem(submit({{"Authorization", "Bearer "}}), 401);
  ExpectFullProblem(submit({{"Authorization", "Bearer unknown-token"}}), 401);
  ExpectFullProblem(submit({{"Authorization", "Bearer " + efj_ + "x"}}), 401);
  ExpectFullProblem(submit({{"Authorization", efj_}}), 401);
  // An unknown token is refused on public routes too: it is not silently the public.
  ExpectFullProblem(Read("/api/v1/alerts", "unknown-token"), 401);

  // Every write needs a token; the public gets 401 whatever the alert's state.
  const uint64_t published = Published();
  const uint64_t draft = Draft();
  for (uint64_t id : {published, draft}) {
    SCOPED_TRACE(id == draft ? "public write on a draft" : "public write on a published alert");
    const std::string before = Snapshot(id);
    ExpectFullProblem(
        Call(port(), "PATCH", AlertPath(id), "", "{\"level\":2}", {{"If-Match", "\"2\""}}), 401);
    ExpectFullProblem(
        Post(AlertPath(id) + "/transitions", "", json::object{{"to", "resolved"}, {"reason", "x"}}),
        401);
    ExpectFullProblem(Post(AlertPath(id) + "/replies", "", json::object{{"text", "x"}}), 401);
    ExpectFullProblem(Post(AlertPath(id) + "/updates", "", json::object{{"text", "x"}}), 401);
    ExpectFullProblem(Post(AlertPath(id) + "/merge", "", json::object{{"into", 1}}), 401);
    EXPECT_EQ(Snapshot(id), before);
  }
  // Without a token the body is not even looked at.
  ExpectFullProblem(Call(port(), "POST", AlertPath(published) + "/transitions", "", "not json",
                         {{"Content-Type", "text/plain"}}),
                    401);
  ExpectFullProblem(Call(port(), "POST", AlertPath(published) + "/merge", "", "not json"), 401);
  ExpectFullProblem(Read("/api/v1/tokens"), 401);
  ExpectFullProblem(Post("/api/v1/tokens", "", json::object{{"role", "admin"}, {"name", "me"}}),
                    401);
}

TEST_F(HttpErrorsTest, KnownTokenWithoutTheRightIsForbidden) {
  ExpectFullProblem(Post("/api/v1/alerts", analyst_, MinimalAlertBody("Analysts do not submit")),
                    403);
  ExpectFullProblem(Post("/api/v1/alerts", state_by_, MinimalAlertBody("States do not submit")),
                    403);

  const uint64_t id = Published("A Belarusian case");
  const std::string before = Snapshot(id);
  ExpectFullProblem(Post(AlertPath(id) + "/replies", state_ru_, json::object{{"text", "x"}}), 403);
  ExpectFullProblem(Post(AlertPath(id) + "/replies", efj_, json::object{{"text", "x"}}), 403);
  ExpectFullProblem(Post(AlertPath(id) + "/replies", analyst_, json::object{{"text", "x"}}), 403);
  ExpectFullProblem(Post(AlertPath(id) + "/updates", ifj_, json::object{{"text", "x"}}), 403);
  ExpectFullProblem(Post(AlertPath(id) + "/updates", state_by_, json::object{{"text", "x"}}), 403);
  ExpectFullProblem(
      Post(AlertPath(id) + "/transitions", efj_, json::object{{"to", "resolved"}, {"reason", "x"}}),
      403);
  ExpectFullProblem(Post(AlertPath(id) + "/transitions", state_by_,
                         json::object{{"to", "resolved"}, {"reason", "x"}}),
                    403);
  ExpectFullProblem(Patch(id, analyst_, json::object{{"level", 2}}, {{"If-Match", "\"2\""}}), 403);
  ExpectFullProblem(Patch(id, efj_, json::object{{"level", 2}}, {{"If-Match", "\"2\""}}), 403);
  ExpectFullProblem(Post(AlertPath(id) + "/merge", efj_, json::object{{"into", 1}}), 403);
  EXPECT_EQ(Snapshot(id), before);

  // A partner may withdraw its draft but not publish it.
  const uint64_t draft = Draft();
  const std::string draft_before = Snapshot(draft);
  ExpectFullProblem(
      Post(AlertPath(draft) + "/transitions", efj_, json::object{{"to", "published"}}), 403);
  ExpectFullProblem(Post(AlertPath(draft) + "/transitions", efj_, json::object{{"to", "rejected"}}),
                    403);
  EXPECT_EQ(Snapshot(draft), draft_before);

  // Tokens are the admin's.
  for (const std::string* token : {&efj_, &editor_, &state_by_, &analyst_}) {
    ExpectFullProblem(Read("/api/v1/tokens", *token), 403);
    ExpectFullProblem(
        Post("/api/v1/tokens", *token, json::object{{"role", "admin"}, {"name", "me"}}), 403);
    ExpectFullProblem(Call(port(), "DELETE", "/api/v1/tokens/tok_000000000000", *token), 403);
  }
  // The partner's own token still works after all that.
  EXPECT_EQ(Read("/api/v1/alerts", efj_).status, 200);
}

TEST_F(HttpErrorsTest, DraftIsNotFoundForThoseWhoMayNotSeeIt) {
  const uint64_t draft = Draft("Nobody else may know");
  const std::string before = Snapshot(draft);
  const uint64_t absent = draft + 100000;
  HttpResult missing = Read(AlertPath(absent));
  for (const std::string& token : {std::string(), ifj_, state_by_, analyst_}) {
    HttpResult hidden = Read(AlertPath(draft), token);
    ExpectFullProblem(hidden, 404);
    EXPECT_EQ(hidden.body.find("Nobody else may know"), std::string::npos);
    // The answer is the one for an id that does not exist.
    std::string expected = missing.body;
    const std::string absent_text = std::to_string(absent), draft_text = std::to_string(draft);
    if (auto at = expected.find(absent_text); at != std::string::npos)
      expected.replace(at, absent_text.size(), draft_text);
    EXPECT_EQ(hidden.body, expected);
    ExpectFullProblem(Read(AlertPath(draft) + "/history", token), 404);
  }
  // Writes by those who cannot see it do not reveal it either.
  ExpectFullProblem(Post(AlertPath(draft) + "/updates", ifj_, json::object{{"text", "x"}}), 404);
  ExpectFullProblem(Patch(draft, ifj_, json::object{{"level", 2}}, {{"If-Match", "\"1\""}}), 404);
  ExpectFullProblem(
      Post(AlertPath(draft) + "/transitions", ifj_, json::object{{"to", "withdrawn"}}), 404);
  EXPECT_EQ(Snapshot(draft), before);

  // Rejected and withdrawn alerts are hidden the same way.
  const uint64_t rejected = Draft();
  ASSERT_EQ(
      Post(AlertPath(rejected) + "/transitions", editor_, json::object{{"to", "rejected"}}).status,
      200);
  const uint64_t withdrawn = Draft();
  ASSERT_EQ(
      Post(AlertPath(withdrawn) + "/transitions", efj_, json::object{{"to", "withdrawn"}}).status,
      200);
  for (uint64_t id : {rejected, withdrawn}) {
    ExpectFullProblem(Read(AlertPath(id)), 404);
    ExpectFullProblem(Read(AlertPath(id), ifj_), 404);
    EXPECT_EQ(Read(AlertPath(id), efj_).status, 200);
  }
}

TEST_F(HttpErrorsTest, TransitionsOutsideTheWorkflowConflict) {
  const uint64_t id = Published();
  std::string before = Snapshot(id);
  for (const char* to : {"withdrawn", "rejected", "published", "draft"}) {
    SCOPED_TRACE(to);
    ExpectFullProblem(Post(AlertPath(id) + "/transitions", editor_, json::object{{"to", to}}), 409);
  }
  EXPECT_EQ(Snapshot(id), before);

  // Final states go nowhere.
  const uint64_t rejected = Draft();
  ASSERT_EQ(
      Post(AlertPath(rejected) + "/transitions", editor_, json::object{{"to", "rejected"}}).status,
      200);
  before = Snapshot(rejected);
  for (const char* to : {"published", "withdrawn", "resolved"})
    ExpectFullProblem(Post(AlertPath(rejected) + "/transitions", editor_,
                           json::object{{"to", to}, {"reason", "x"}}),
                      409);
  ExpectFullProblem(Post(AlertPath(rejected) + "/updates", editor_, json::object{{"text", "x"}}),
                    409);
  EXPECT_EQ(Snapshot(rejected), before);

  // A state reply belongs on a published alert, even when an editor posts it.
  const uint64_t draft = Draft();
  before = Snapshot(draft);
  ExpectFullProblem(Post(AlertPath(draft) + "/replies", editor_, json::object{{"text", "x"}}), 409);
  ExpectFullProblem(Post(AlertPath(draft) + "/transitions", editor_,
                         json::object{{"to", "resolved"}, {"reason", "x"}}),
                    409);
  EXPECT_EQ(Snapshot(draft), before);
}

TEST_F(HttpErrorsTest, TransitionAndNoteBodiesAreChecked) {
  const uint64_t id = Published();
  const std::string before = Snapshot(id);
  const std::string transitions = AlertPath(id) + "/transitions";
  ExpectFullProblem(Post(transitions, editor_,
                         json::object{{"to", "resolved"}, {"reason", "x"}, {"colour", "red"}}),
                    422, {"colour"});
  ExpectFullProblem(Post(transitions, editor_, json::object{{"status", "resolved"}}), 422,
                    {"status"});
  ExpectFullProblem(Post(transitions, editor_, json::object{}), 422, {"to"});
  ExpectFullProblem(Post(transitions, editor_, json::object{{"to", "closed"}}), 422, {"to"});
  ExpectFullProblem(Post(transitions, editor_, json::object{{"to", 1}}), 422, {"to"});
  ExpectFullProblem(Post(transitions, editor_, json::object{{"to", "resolved"}}), 422, {"reason"});
  ExpectFullProblem(Post(transitions, editor_, json::object{{"to", "resolved"}, {"reason", "   "}}),
                    422, {"reason"});
  ExpectFullProblem(Post(transitions, editor_,
                         json::object{{"to", "resolved"}, {"reason", "x"}, {"date", "2999-01-01"}}),
                    422, {"date"});
  ExpectFullProblem(Post(transitions, editor_,
                         json::object{{"to", "resolved"}, {"reason", "x"}, {"date", "yesterday"}}),
                    422, {"date"});

  for (const char* kind : {"/replies", "/updates"}) {
    SCOPED_TRACE(kind);
    const std::string target = AlertPath(id) + kind;
    ExpectFullProblem(Post(target, editor_, json::object{}), 422, {"text"});
    ExpectFullProblem(Post(target, editor_, json::object{{"text", ""}}), 422, {"text"});
    ExpectFullProblem(Post(target, editor_, json::object{{"text", 5}}), 422, {"text"});
    ExpectFullProblem(Post(target, editor_, json::object{{"text", "x"}, {"colour", "red"}}), 422,
                      {"colour"});
    ExpectFullProblem(Post(target, editor_, json::object{{"text", "x"}, {"date", "2999-01-01"}}),
                      422, {"date"});
    ExpectFullProblem(Post(target, editor_, json::object{{"text", "x"}, {"posted_by", "editor"}}),
                      422, {"posted_by"});
  }

  ExpectFullProblem(Post(AlertPath(id) + "/merge", editor_, json::object{}), 422, {"into"});
  ExpectFullProblem(Post(AlertPath(id) + "/merge", editor_, json::object{{"into", id}}), 422,
                    {"into"});
  ExpectFullProblem(Post(AlertPath(id) + "/merge", editor_, json::object{{"into", "1"}}), 422,
                    {"into"});
  ExpectFullProblem(Post(AlertPath(id) + "/merge", editor_, json::object{{"into", -3}}), 422,
                    {"into"});
  ExpectFullProblem(Post(AlertPath(id) + "/merge", editor_, json::object{{"into", id + 100000}}),
                    422, {"into"});
  ExpectFullProblem(
      Post(AlertPath(id) + "/merge", editor_, json::object{{"into", 1}, {"colour", "red"}}), 422,
      {"colour"});
  EXPECT_EQ(Snapshot(id), before);
}

TEST_F(HttpErrorsTest, PatchNeedsTheCurrentVersion) {
  const uint64_t id = Published();
  const std::string before = Snapshot(id);
  const json::object patch{{"level", 2}};
  ExpectFullProblem(Patch(id, editor_, patch, {}), 428);
  ExpectFullProblem(Patch(id, editor_, patch, {{"If-Match", "\"1\""}}), 412);
  ExpectFullProblem(Patch(id, editor_, patch, {{"If-Match", "\"3\""}}), 412);
  ExpectFullProblem(Patch(id, editor_, patch, {{"If-Match", "2"}}), 412);
  ExpectFullProblem(Patch(id, editor_, patch, {{"If-Match", "\"abc\""}}), 412);
  ExpectFullProblem(Patch(id, editor_, patch, {{"If-Match", "\"99999999999999999999999\""}}), 412);
  // A valid version with invalid content is still rejected whole.
  ExpectFullProblem(
      Patch(id, editor_, json::object{{"level", 2}, {"country", "US"}}, {{"If-Match", "\"2\""}}),
      422, {"country"});
  ExpectFullProblem(Patch(id, editor_, json::object{{"colour", "red"}}, {{"If-Match", "\"2\""}}),
                    422, {"colour"});
  ExpectFullProblem(Patch(id, editor_, json::object{{"title", nullptr}}, {{"If-Match", "\"2\""}}),
                    422, {"title"});
  ExpectFullProblem(
      Patch(id, editor_, json::object{{"status", "resolved"}}, {{"If-Match", "\"2\""}}), 422,
      {"status"});
  ExpectFullProblem(
      Patch(id, editor_, json::object{{"external_ref", "changed"}}, {{"If-Match", "\"2\""}}), 422,
      {"external_ref"});
  EXPECT_EQ(Snapshot(id), before);
  // The current version works.
  EXPECT_EQ(Patch(id, editor_, patch, {{"If-Match", "\"2\""}}).status, 200);
}

TEST_F(HttpErrorsTest, ListQueryErrorsNameTheParameter) {
  struct Case {
    const char* query;
    const char* field;
  };
  for (const Case& c : std::vector<Case>{{"colour=red", "colour"},
                                         {"limit=0", "limit"},
                                         {"limit=500", "limit"},
                                         {"limit=201", "limit"},
                                         {"limit=-1", "limit"},
                                         {"limit=ten", "limit"},
                                         {"limit=", "limit"},
                                         {"cursor=garbage", "cursor"},
                                         {"cursor=%00%01", "cursor"},
                                         {"from=2023-02-30", "from"},
                                         {"from=yesterday", "from"},
                                         {"to=2023-13-01", "to"},
                                         {"from=2023-05-01&to=2023-01-01", "to"},
                                         {"country=US", "country"},
                                         {"category=gossip", "category"},
                                         {"status=lost", "status"},
                                         {"level=3", "level"},
                                         {"threat_source=aliens", "threat_source"},
                                         {"sort=title", "sort"}}) {
    SCOPED_TRACE(c.query);
    ExpectFullProblem(Read(std::string("/api/v1/alerts?") + c.query), 400, {c.field});
    ExpectFullProblem(Read(std::string("/api/v1/alerts?") + c.query, editor_), 400, {c.field});
  }
  // Several problems in one query are all named.
  ExpectFullProblem(Read("/api/v1/alerts?limit=0&from=nope&colour=red"), 400,
                    {"limit", "from", "colour"});

  // A cursor made for one sort order is refused by another (it would start the other order
  // at a position that means nothing there).
  for (int i = 0; i < 3; ++i) Published("Paged " + std::to_string(i));
  HttpResult page = Read("/api/v1/alerts?limit=1");
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_TRUE(page.Json().at("next_cursor").is_string()) << page.body;
  const std::string cursor(page.Json().at("next_cursor").as_string());
  EXPECT_EQ(Read("/api/v1/alerts?limit=1&cursor=" + cursor).status, 200);
  ExpectFullProblem(Read("/api/v1/alerts?limit=1&sort=incident_date&cursor=" + cursor), 400,
                    {"cursor"});
  // Limits at the edges are fine.
  EXPECT_EQ(Read("/api/v1/alerts?limit=1").status, 200);
  EXPECT_EQ(Read("/api/v1/alerts?limit=200").status, 200);
}

TEST_F(HttpErrorsTest, IdempotencyKeyReusedForOtherContentIsInvalid) {
  const Headers key = {{"Idempotency-Key", "errors-key-1"}};
  HttpResult first = Post("/api/v1/alerts", efj_, MinimalAlertBody("First use of the key"), key);
  ASSERT_EQ(first.status, 201) << first.body;
  ExpectFullProblem(Post("/api/v1/alerts", efj_, MinimalAlertBody("Other content, same key"), key),
                    422, {"Idempotency-Key"});
  ExpectFullProblem(
      Post("/api/v1/alerts", efj_, MinimalAlertBody("Empty key"), {{"Idempotency-Key", ""}}), 422,
      {"Idempotency-Key"});
  ExpectFullProblem(Post("/api/v1/alerts", efj_, MinimalAlertBody("Long key"),
                         {{"Idempotency-Key", std::string(201, 'k')}}),
                    422, {"Idempotency-Key"});
  HttpResult list = Read("/api/v1/alerts?limit=200", efj_);
  EXPECT_EQ(list.body.find("Other content, same key"), std::string::npos);
  EXPECT_EQ(list.body.find("Empty key"), std::string::npos);
  EXPECT_EQ(list.body.find("Long key"), std::string::npos);
}

}  // namespace
}  // namespace soj::testing
