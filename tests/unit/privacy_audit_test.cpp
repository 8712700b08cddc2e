// Privacy audit: withheld victims with names found nowhere else, then every route of the
// server's route table (API, feeds, export, search, pages) called by everyone who must not
// see them, with the queries that could surface them. No answer, header or log line may carry
// a withheld name or outlet, or anything of a draft; no log line, error or metric a token.
// Nor may any show the person id of a withheld victim that also sits on a named victim
// elsewhere: joining the two would name the withheld one.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/api.hpp"
#include "dashboards/embedded_files.hpp"
#include "dashboards/page_routes.hpp"
#include "tests/tracker_fixture.hpp"
#include "tracker/subscription.hpp"
#include "tracker/webhook_delivery.hpp"
#include "tracker/webhook_outbox.hpp"

namespace soj::api {
namespace {

using tracker::Role;

// Made-up words that appear in no catalog, dataset or other alert.
constexpr const char* kWithheldName = "Qorvexa Zilbertane";
constexpr const char* kWithheldOutlet = "Vantrolux Herald";
constexpr const char* kDraftName = "Plumbrick Ostevanne";
constexpr const char* kDraftTitle = "Marquisette crackdown";
// An editor linked the withheld victim and a named victim of another alert to one person.
constexpr const char* kPersonId = "p_Kelvadrimo";
constexpr const char* kNamedName = "Dravenka Olumbrise";

class PrivacyAuditTest : public testing::PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    api_ = std::make_unique<Api>(
        *platform_, ApiOptions{.public_url = "", .public_metrics = true, .access_log = true});
    api_->AddRoutes(dashboards::AddPageRoutes);
    // A published alert with one named and one withheld victim, a reply and an update.
    published_ = SubmitPublished("efj", [](tracker::AlertContent& c) {
      tracker::Victim hidden = c.victims[0];
      hidden.name = kWithheldName;
      hidden.outlet = kWithheldOutlet;
      hidden.withheld = true;
      c.victims.push_back(hidden);
    });
    tracker::NoteRequest note;
    note.text = "The ministry answered.";
    ASSERT_TRUE(alerts().AddStateReply(tracker::Principal::State("BY"), published_.id, note));
    note.text = "Released.";
    ASSERT_TRUE(alerts().AddUpdate(tracker::Principal::Partner("efj"), published_.id, note));
    LinkToPerson(published_.id, 1);
    // The same person, named, in another partner's published alert.
    tracker::Alert named = SubmitPublished("rsf", [](tracker::AlertContent& c) {
      c.title = "Journalist questioned in Brest";
      c.victims[0].name = kNamedName;
    });
    LinkToPerson(named.id, 0);
    // A duplicate reported by ifj, merged into the published alert: ifj joins its partners
    // but did not report the withheld victim.
    tracker::Alert duplicate = Submit("ifj");
    auto merged = alerts().Merge(tracker::Principal::Editor(), duplicate.id, published_.id);
    ASSERT_TRUE(merged) << merged.error().message;
    published_ = *merged;
    // A draft, all of it private.
    draft_ = Submit("efj", [](tracker::AlertContent& c) {
      c.title = kDraftTitle;
      c.victims[0].name = kDraftName;
    });
    for (auto [role, partner, country] :
         {std::tuple{Role::kPartner, "rsf", ""}, std::tuple{Role::kState, "", "BY"},
          std::tuple{Role::kAnalyst, "", ""}, std::tuple{Role::kAdmin, "", ""},
          std::tuple{Role::kPartner, "efj", ""}, std::tuple{Role::kEditor, "", ""},
          std::tuple{Role::kPartner, "ifj", ""}}) {
      auto issued =
          platform_->tokens().Create(tracker::Principal::Admin(), role, partner, country, "audit");
      ASSERT_TRUE(issued);
      secrets_.push_back(issued->secret);
    }
    auto revoked =
        platform_->tokens().Create(tracker::Principal::Admin(), Role::kAnalyst, "", "", "revoked");
    ASSERT_TRUE(revoked);
    ASSERT_TRUE(platform_->tokens().Revoke(tracker::Principal::Admin(), revoked->record.id));
    secrets_.insert(secrets_.begin() + 6, revoked->secret);
  }

  // An editor links victim `index` of alert `id` to kPersonId, as the review desk does.
  void LinkToPerson(tracker::AlertId id, std::size_t index) {
    auto alert = alerts().Get(tracker::Principal::Editor(), id);
    ASSERT_TRUE(alert);
    boost::json::array victims = tracker::ContentToJson(alert->content).at("victims").as_array();
    victims.at(index).as_object()["person_id"] = kPersonId;
    auto linked = alerts().Edit(tracker::Principal::Editor(), id, alert->version,
                                boost::json::object{{"victims", victims}});
    ASSERT_TRUE(linked) << linked.error().message;
  }

  // Everything the caller receives: status line, headers (but the entity tag, a hash of the
  // body) and the whole (streamed) body.
  std::string CallText(HttpRequest request) {
    std::string head;
    std::string body = Call(std::move(request), head);
    return head + body;
  }

  // The whole (streamed) body of the answer; its status line and headers go to `head`.
  std::string Call(HttpRequest request, std::string& head) {
    HttpResponse response = api_->Handle(request);
    head = std::to_string(response.status) + "\n";
    for (const auto& [name, value] : response.headers)
      if (!EqualsIgnoreCase(name, "ETag")) head += name + ": " + value + "\n";
    std::string body(response.body.view());
    if (response.stream) {
      std::string piece;
      for (bool more = true; more;) more = response.stream(piece);
      body += piece;
    }
    return body;
  }

  // Where kPersonId appears in `value`, a JSON document: it must sit on the named victim
  // (an object whose name is kNamedName) and nowhere else. Returns how often it sits on a
  // victim named `name`.
  static int PersonIdOn(const boost::json::value& value, const char* name,
                        const std::string& what) {
    int on_name = 0;
    if (const auto* object = value.if_object()) {
      const auto* id = object->if_contains("person_id");
      const bool linked = id != nullptr && id->is_string() && id->get_string() == kPersonId;
      const auto* named = object->if_contains("name");
      const bool named_so = named != nullptr && named->is_string() && named->get_string() == name;
      if (linked && named_so) ++on_name;
      if (linked && !named_so && std::string_view(name) == kNamedName)
        ADD_FAILURE() << what << " shows the person id of a victim whose name it hides";
      for (const auto& [key, member] : *object)
        if (key != "person_id") on_name += PersonIdOn(member, name, what);
    } else if (const auto* array = value.if_array()) {
      for (const auto& item : *array) on_name += PersonIdOn(item, name, what);
    } else if (value.is_string()) {
      if (std::string_view(value.get_string()).find(kPersonId) != std::string_view::npos)
        ADD_FAILURE() << what << " shows the person id inside a text";
    }
    return on_name;
  }

  // Checks a whole answer body: JSON and NDJSON through PersonIdOn (on the named victim
  // only); every other format (CSV, HTML, Atom, text) carries no person id at all.
  static void ExpectNotLinkable(const std::string& head, const std::string& body,
                                const std::string& what) {
    EXPECT_EQ(head.find(kPersonId), std::string::npos) << what << " has the id in a header";
    if (body.find(kPersonId) == std::string::npos) return;
    boost::json::error_code ec;
    boost::json::value whole = boost::json::parse(body, ec);
    if (!ec) {
      PersonIdOn(whole, kNamedName, what);
      return;
    }
    if (head.find("ndjson") != std::string::npos) {
      for (std::size_t at = 0; at < body.size();) {
        std::size_t end = std::min(body.find('\n', at), body.size());
        boost::json::value line = boost::json::parse(std::string_view(body).substr(at, end - at));
        PersonIdOn(line, kNamedName, what);
        at = end + 1;
      }
      return;
    }
    ADD_FAILURE() << what << " carries a person id outside JSON";
  }

  std::string Path(const Route& route, tracker::AlertId id) const {
    std::string path = route.pattern;
    if (auto at = path.find("{id}"); at != std::string::npos)
      path.replace(at, 4,
                   route.pattern.starts_with("/api/v1/tokens") ? "tok_0" : std::to_string(id));
    if (auto at = path.find("{file}"); at != std::string::npos)
      path.replace(at, 6, std::string(dashboards::FindEmbeddedFile("app.css")->hashed_name));
    return path;
  }

  // `text` with every secret word the caller may have sent replaced by as many 'z's (the
  // draft's words only when `drafts` is set: admins may find drafts).
  static std::string Neutral(std::string text, bool drafts) {
    std::vector<std::string> words = {"Qorvexa", "Zilbertane", "Vantrolux"};
    if (drafts) words.insert(words.end(), {"Plumbrick", "Marquisette"});
    for (std::string word : words) {
      for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at))
          text.replace(at, word.size(), std::string(word.size(), 'z'));
        for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    return text;
  }

  // Checks the answer to `request`. A request that itself names a secret (a search) may see
  // its own words echoed (a page's search box), so its answer must be the answer to the same
  // request with the words replaced: then it says nothing about whether they match.
  // /metrics changes with every request and echoes nothing: it is only checked for secrets.
  void Audit(const HttpRequest& request, const std::string& what, bool drafts_visible,
             bool stable) {
    const std::string text = CallText(request);
    HttpRequest neutral = request;
    neutral.target = Neutral(request.target, !drafts_visible);
    neutral.body = Neutral(request.body, !drafts_visible);
    if (!stable || (neutral.target == request.target && neutral.body == request.body)) {
      ExpectClean(text, what, true, drafts_visible);
      return;
    }
    const std::string expected = CallText(neutral);
    EXPECT_EQ(Neutral(text, !drafts_visible), expected)
        << what << ": the answer depends on the secret words";
    ExpectClean(Neutral(text, !drafts_visible), what, true, drafts_visible);
  }

  // Fails the test when `text` carries a withheld name, a draft (unless `drafts_visible`: admins
  // see drafts, never withheld names) or any token secret.
  void ExpectClean(const std::string& text, const std::string& what, bool public_view,
                   bool drafts_visible = false) {
    if (public_view) {
      // The names, and the words alone (search snippets, CSV cells split differently).
      for (const char* secret :
           {kWithheldName, kWithheldOutlet, "Qorvexa", "Zilbertane", "Vantrolux"})
        EXPECT_EQ(text.find(secret), std::string::npos) << what << " shows '" << secret << "'";
      if (!drafts_visible) {
        for (const char* secret : {kDraftName, kDraftTitle, "Plumbrick", "Marquisette"})
          EXPECT_EQ(text.find(secret), std::string::npos) << what << " shows '" << secret << "'";
      }
    }
    for (const std::string& secret : secrets_)
      EXPECT_EQ(text.find(secret), std::string::npos) << what << " shows a token secret";
  }

  std::unique_ptr<Api> api_;
  tracker::Alert published_, draft_;
  // rsf, BY, analyst, admin, efj (sees names), editor (sees names), revoked, ifj (joined by a
  // merge: does not see the names).
  std::vector<std::string> secrets_;
};

TEST_F(PrivacyAuditTest, NoRouteShowsWithheldNamesOrDraftsToThoseWhoMayNotSeeThem) {
  const std::vector<std::string> queries = {"",
                                            "?q=Qorvexa",
                                            "?q=Zilbertane%20Vantrolux",
                                            "?q=Plumbrick",
                                            "?q=Marquisette",
                                            "?format=csv",
                                            "?format=ndjson",
                                            "?format=csv&q=Qorvexa",
                                            "?lang=fr",
                                            "?lang=ru&q=Qorvexa",
                                            "?since=0",
                                            "?status=draft",
                                            "?group_by=country,status",
                                            "?limit=200&sort=-updated_at"};
  // No token, another partner, a state correspondent, an analyst, an admin, a revoked token,
  // a partner who joined the alert by a merge.
  std::vector<std::string> callers = {"",          secrets_[0], secrets_[1], secrets_[2],
                                      secrets_[3], secrets_[6], secrets_[7]};
  ::testing::internal::CaptureStderr();
  int calls = 0;
  for (const Route& route : api_->router().routes()) {
    for (tracker::AlertId id : {published_.id, draft_.id}) {
      for (const std::string& query : queries) {
        for (const std::string& token : callers) {
          HttpRequest request;
          request.method = route.method;
          request.target = Path(route, id) + query;
          if (!token.empty()) request.headers.push_back({"Authorization", "Bearer " + token});
          if (route.method != "GET") {
            // Bad input that names the secret: errors must not echo it back either.
            request.headers.push_back({"Content-Type", "application/json"});
            request.body = std::string(R"({"title":")") + kWithheldName + R"(","text":1})";
          }
          const bool admin = token == secrets_[3];
          Audit(request, route.method + " " + request.target + (admin ? " (admin)" : ""), admin,
                route.operation_id != "getMetrics");
          ++calls;
        }
        if (route.method != "GET") break;  // one body is enough for writes
      }
      if (route.pattern.find("{id}") == std::string::npos) break;
    }
  }
  // Those who may see the names use the routes too: their answers show them, the log not.
  for (const std::string& token : {secrets_[4], secrets_[5]}) {
    HttpRequest request;
    request.method = "GET";
    request.target = "/api/v1/alerts/" + std::to_string(published_.id);
    request.headers = {{"Authorization", "Bearer " + token}};
    EXPECT_NE(CallText(request).find(kWithheldName), std::string::npos);
  }
  api_->FlushAccessLog();
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_GT(calls, 1000);
  EXPECT_NE(log.find("\"route\""), std::string::npos) << "the access log was not written";
  ExpectClean(log, "the log", true);
}

TEST_F(PrivacyAuditTest, AWithheldVictimsPersonIdIsNeverShownToThoseWhoMayNotSeeTheName) {
  const std::vector<std::string> queries = {
      "",         "?format=csv",       "?format=ndjson",           "?lang=fr",
      "?since=0", "?as_of=2026-11-29", "?group_by=country,status", "?limit=200&sort=-updated_at"};
  // 0 no token, 1 another partner, 2 a state correspondent, 3 an analyst, 4 an admin, 5 a
  // revoked token, 6 a partner who joined the alert by a merge.
  const std::vector<std::string> callers = {"",          secrets_[0], secrets_[1], secrets_[2],
                                            secrets_[3], secrets_[6], secrets_[7]};
  int calls = 0;
  for (const Route& route : api_->router().routes()) {
    if (route.method != "GET") continue;
    for (const std::string& query : queries) {
      for (std::size_t caller = 0; caller < callers.size(); ++caller) {
        HttpRequest request;
        request.method = route.method;
        request.target = Path(route, published_.id) + query;
        if (!callers[caller].empty())
          request.headers.push_back({"Authorization", "Bearer " + callers[caller]});
        std::string head;
        std::string body = Call(request, head);
        ExpectNotLinkable(head, body, request.target + " as caller " + std::to_string(caller));
        ++calls;
      }
    }
  }
  EXPECT_GT(calls, 500);

  // Webhook payloads, rendered as each subscription owner may see the alert.
  tracker::Delivery delivery;
  delivery.id = "dlv_audit";
  delivery.alert_id = published_.id;
  for (const tracker::Principal& owner :
       {tracker::Principal::Partner("rsf"), tracker::Principal::Partner("ifj"),
        tracker::Principal::State("BY"), tracker::Principal::Admin()}) {
    tracker::Subscription subscription;
    subscription.owner = owner;
    auto payload = platform_->outbox().Render(delivery, subscription);
    ASSERT_TRUE(payload && *payload) << owner.Actor();
    PersonIdOn(boost::json::parse(**payload), kNamedName, "a webhook to " + owner.Actor());
  }

  // Those who may see the name see the link too (so this test can fail): in the API, the
  // export and the webhook payload of a partner who reported the victim.
  for (const std::string& token : {secrets_[4], secrets_[5]}) {
    for (const std::string& target : {"/api/v1/alerts/" + std::to_string(published_.id),
                                      std::string("/api/v1/export?format=ndjson")}) {
      HttpRequest request;
      request.method = "GET";
      request.target = target;
      request.headers = {{"Authorization", "Bearer " + token}};
      std::string head;
      std::string body = Call(request, head);
      int shown = 0;
      for (std::size_t at = 0; at < body.size();) {
        std::size_t end = std::min(body.find('\n', at), body.size());
        shown += PersonIdOn(boost::json::parse(std::string_view(body).substr(at, end - at)),
                            kWithheldName, target);
        at = end + 1;
      }
      EXPECT_EQ(shown, 1) << target;
    }
  }
  tracker::Subscription reporter;
  reporter.owner = tracker::Principal::Partner("efj");
  auto payload = platform_->outbox().Render(delivery, reporter);
  ASSERT_TRUE(payload && *payload);
  EXPECT_EQ(PersonIdOn(boost::json::parse(**payload), kWithheldName, "efj's webhook"), 1);
}

TEST_F(PrivacyAuditTest, SearchByAWithheldNameFindsNothingForThePublic) {
  for (const char* q : {"Qorvexa", "Zilbertane", "Vantrolux", "Plumbrick", "Marquisette"}) {
    HttpRequest request;
    request.method = "GET";
    request.target = std::string("/api/v1/alerts?q=") + q;
    HttpResponse response = api_->Handle(request);
    ASSERT_EQ(response.status, 200) << q;
    EXPECT_EQ(boost::json::parse(response.body.view()).at("total").to_number<int>(), 0) << q;
  }
}

TEST_F(PrivacyAuditTest, TokensNeverAppearInLogsErrorsOrMetrics) {
  ::testing::internal::CaptureStderr();
  std::string seen;
  // Bad, unknown, revoked and near-miss tokens, on API routes and at the sign-in form.
  const std::string valid = secrets_[3];
  for (const std::string& token :
       {secrets_[6], valid + "x", valid.substr(1), std::string("soj_") + "guessed"}) {
    HttpRequest request;
    request.method = "GET";
    request.target = "/api/v1/tokens";
    request.headers = {{"Authorization", "Bearer " + token}};
    seen += CallText(request);
    request.method = "POST";
    request.target = "/signin";
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = "token=" + token;
    seen += CallText(request);
    EXPECT_EQ(seen.find(token), std::string::npos) << "an error echoes a token";
  }
  HttpRequest metrics;
  metrics.method = "GET";
  metrics.target = "/metrics";
  metrics.headers = {{"Authorization", "Bearer " + valid}};
  seen += CallText(metrics);
  HttpRequest list = metrics;
  list.target = "/api/v1/tokens";
  seen += CallText(list);
  api_->FlushAccessLog();
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(seen.find("soj_http_requests_total"), std::string::npos);
  EXPECT_NE(log.find("\"status\":401"), std::string::npos);
  ExpectClean(seen, "answers", false);
  ExpectClean(log, "the log", false);
  for (const std::string& secret : secrets_) {
    EXPECT_EQ(seen.find(secret.substr(4, 20)), std::string::npos) << "part of a token shown";
    EXPECT_EQ(log.find(secret.substr(4, 20)), std::string::npos) << "part of a token logged";
  }
}

}  // namespace
}  // namespace soj::api
