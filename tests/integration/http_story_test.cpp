// The whole story of an alert, told over HTTP to the real soj-tracker binary: tokens are
// issued, a partner submits, the secretariat publishes, the state replies, the partner
// follows up, the alert is resolved and reopened, the public reads it with caching, a
// duplicate is merged, and a token is revoked (lists: http_list_test.cpp). Along the way the
// names of withheld victims must reach editors and the alert's partners and nobody else.
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

#include "tests/integration/http_story_fixture.hpp"

namespace soj::testing {
namespace {

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

}  // namespace
}  // namespace soj::testing
