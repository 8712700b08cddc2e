// The access matrix: every route of the server's own route table (API and pages, as
// tools/server/main.cpp wires them) called by every kind of caller, against the status the
// SPEC gives that caller. A route added without a rule here fails the test, and so does a rule
// left behind for a route that no longer exists.

#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <map>
#include <regex>

#include "api/api.hpp"
#include "dashboards/embedded_files.hpp"
#include "dashboards/page_routes.hpp"
#include "tests/tracker_fixture.hpp"

namespace soj::api {
namespace {

using tracker::Role;

// The callers, in the order of every rule's expected statuses.
enum Caller {
  kNone,          // no token
  kPartnerThis,   // a partner of the alert (efj)
  kPartnerOther,  // a partner of no alert here (rsf)
  kEditor,
  kStateThis,   // state correspondent of the alert's country (BY)
  kStateOther,  // state correspondent of another country (RU)
  kAnalyst,
  kAdmin,
  kRevoked,  // a partner token of the alert's partner, revoked
  kCallers
};
constexpr std::array<const char*, kCallers> kCallerNames = {
    "none",        "partner-this", "partner-other", "editor", "state-this",
    "state-other", "analyst",      "admin",         "revoked"};

using Statuses = std::array<int, kCallers>;

// What the alert named by {id} is when the route is called.
enum class AlertState { kDraft, kPublished };

// Everything a rule may put in its request: ids made fresh for each call.
struct Subject {
  tracker::AlertId alert = 0;  // {id} of alert routes and pages
  uint64_t version = 0;
  tracker::AlertId other = 0;  // a second, published alert (merge target)
  std::string token_id;        // {id} of token routes: a fresh token to revoke
  std::string csrf;            // the caller's desk CSRF token ("" without a session)
  std::string subscription;    // {id} of subscription routes: partner efj's
  std::string delivery;        // {delivery_id}: a pending delivery of that subscription
};

struct Rule {
  AlertState setup = AlertState::kPublished;
  // Query string (with '?'), body and extra headers; the path comes from the route table.
  std::function<HttpRequest(const Subject&)> request;
  Statuses expected;
};

HttpRequest Query(std::string query) {
  HttpRequest r;
  r.target = std::move(query);
  return r;
}

HttpRequest Json(std::string body) {
  HttpRequest r;
  r.body = std::move(body);
  r.headers = {{"Content-Type", "application/json"}};
  return r;
}

HttpRequest Form(std::string body) {
  HttpRequest r;
  r.body = std::move(body);
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  return r;
}

// The rules. Columns: none, partner-this, partner-other, editor, state-this, state-other,
// analyst, admin, revoked. A revoked token is refused (401) wherever a token is read.
std::map<std::string, Rule> Rules() {
  auto none = [](const Subject&) { return HttpRequest{}; };
  const Statuses everyone = {200, 200, 200, 200, 200, 200, 200, 200, 401};
  std::map<std::string, Rule> rules;
  // Alerts.
  rules["createAlert"] = {AlertState::kPublished,
                          [](const Subject&) {
                            return Json(R"({"title":"Detained","description":"Text.",)"
                                        R"("country":"BY","incident_date":"2024-01-02",)"
                                        R"("categories":["detention"],"threat_source":"state",)"
                                        R"("level":1,"partners":["efj"],)"
                                        R"("victims":[{"kind":"journalist","name":"A. B."}],)"
                                        R"("sources":["https://example.org/a"]})");
                          },
                          {401, 201, 201, 201, 403, 403, 403, 403, 401}};
  rules["listAlerts"] = {AlertState::kPublished, none, everyone};
  rules["getAlert"] = {AlertState::kDraft, none, {404, 200, 404, 200, 404, 404, 404, 200, 401}};
  rules["updateAlert"] = {
      AlertState::kDraft,
      [](const Subject& s) {
        HttpRequest r = Json(R"({"title":"Journalist detained again"})");
        r.headers.push_back({"If-Match", "\"" + std::to_string(s.version) + "\""});
        return r;
      },
      {401, 200, 404, 200, 404, 404, 404, 403, 401}};
  rules["transitionAlert"] = {AlertState::kDraft,
                              [](const Subject&) { return Json(R"({"to":"withdrawn"})"); },
                              {401, 200, 404, 200, 404, 404, 404, 403, 401}};
  rules["addStateReply"] = {AlertState::kPublished,
                            [](const Subject&) { return Json(R"({"text":"We looked into it."})"); },
                            {401, 403, 403, 201, 201, 403, 403, 403, 401}};
  rules["addUpdate"] = {AlertState::kPublished,
                        [](const Subject&) { return Json(R"({"text":"Released on bail."})"); },
                        {401, 201, 403, 201, 403, 403, 403, 403, 401}};
  rules["mergeAlert"] = {
      AlertState::kPublished,
      [](const Subject& s) { return Json(R"({"into":)" + std::to_string(s.other) + "}"); },
      {401, 403, 403, 200, 403, 403, 403, 403, 401}};
  rules["getAlertHistory"] = {AlertState::kPublished, none, everyone};
  // Tokens: admins only.
  rules["createToken"] = {AlertState::kPublished,
                          [](const Subject&) { return Json(R"({"role":"analyst","name":"x"})"); },
                          {401, 403, 403, 403, 403, 403, 403, 201, 401}};
  rules["listTokens"] = {
      AlertState::kPublished, none, {401, 403, 403, 403, 403, 403, 403, 200, 401}};
  rules["revokeToken"] = {
      AlertState::kPublished, none, {401, 403, 403, 403, 403, 403, 403, 200, 401}};
  // Backups: admins only.
  rules["createBackup"] = {
      AlertState::kPublished, none, {401, 403, 403, 403, 403, 403, 403, 201, 401}};
  rules["listBackups"] = {
      AlertState::kPublished, none, {401, 403, 403, 403, 403, 403, 403, 200, 401}};
  // Webhook subscriptions: admins, partners and states have them; each sees its own (admins
  // all). The subject's subscription is partner efj's; its delivery is still pending (409).
  rules["createSubscription"] = {
      AlertState::kPublished,
      [](const Subject&) {
        return Json(R"({"url":"https://93.184.216.34/hook","events":["alert.published"]})");
      },
      {401, 201, 201, 403, 201, 201, 403, 201, 401}};
  rules["listSubscriptions"] = {
      AlertState::kPublished, none, {401, 200, 200, 403, 200, 200, 403, 200, 401}};
  rules["getSubscription"] = {
      AlertState::kPublished, none, {401, 200, 404, 403, 404, 404, 403, 200, 401}};
  rules["listDeliveries"] = rules["getSubscription"];
  rules["deleteSubscription"] = {
      AlertState::kPublished, none, {401, 204, 404, 403, 404, 404, 403, 204, 401}};
  rules["redeliverDelivery"] = {
      AlertState::kPublished, none, {401, 409, 404, 403, 404, 404, 403, 409, 401}};
  // Public reads.
  for (const char* id :
       {"listCountries", "listCategories", "listPartners", "getDetentionStats", "getImpunityStats",
        "getAlertStats", "getReplyStats", "listChanges", "getAlertsJsonFeed", "getAlertsAtomFeed",
        "getHealth", "getReadiness", "getMetrics", "getOpenApi"})
    rules[id] = {AlertState::kPublished, none, everyone};
  rules["exportAlerts"] = {AlertState::kPublished,
                           [](const Subject&) { return Query("?format=csv"); }, everyone};
  // Pages: public pages render for anyone; desks take the session cookie of a sign-in (only
  // partners, editors and state correspondents sign in) and send others to /signin (303).
  for (const char* id : {"pageHome", "pageAlerts", "pageCase", "pageStats", "staticAsset"})
    rules[id] = {AlertState::kPublished, none, everyone};
  rules["pageSignIn"] = {
      AlertState::kPublished, none, {200, 303, 303, 303, 303, 303, 200, 200, 401}};
  rules["pageSignInPost"] = {
      AlertState::kPublished, none, {401, 303, 303, 303, 303, 303, 403, 403, 401}};
  rules["pageSignOut"] = {AlertState::kPublished,
                          [](const Subject& s) { return Form("csrf=" + s.csrf); },
                          {303, 303, 303, 303, 303, 303, 303, 303, 401}};
  rules["pageSubmit"] = {
      AlertState::kPublished, none, {303, 200, 200, 403, 403, 403, 303, 303, 401}};
  rules["pageSubmitPost"] = {AlertState::kPublished,
                             [](const Subject& s) { return Form("csrf=" + s.csrf); },
                             {303, 422, 422, 403, 403, 403, 303, 303, 401}};
  rules["pageReview"] = {AlertState::kDraft, none, {303, 403, 403, 200, 403, 403, 303, 303, 401}};
  rules["pageReviewAlert"] = {
      AlertState::kDraft, none, {303, 403, 403, 200, 403, 403, 303, 303, 401}};
  rules["pageReviewPost"] = {
      AlertState::kDraft,
      [](const Subject& s) {
        return Form("csrf=" + s.csrf + "&action=publish&version=" + std::to_string(s.version));
      },
      {303, 403, 403, 303, 403, 403, 303, 303, 401}};
  rules["pageReply"] = {
      AlertState::kPublished, none, {303, 403, 403, 403, 200, 200, 303, 303, 401}};
  rules["pageReplyAlert"] = {
      AlertState::kPublished, none, {303, 403, 403, 403, 200, 404, 303, 303, 401}};
  rules["pageReplyPost"] = {
      AlertState::kPublished,
      [](const Subject& s) { return Form("csrf=" + s.csrf + "&text=Noted."); },
      {303, 403, 403, 403, 303, 404, 303, 303, 401}};
  return rules;
}

class AccessMatrixTest : public testing::PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    api_ = std::make_unique<Api>(
        *platform_, ApiOptions{.public_url = "", .public_metrics = true, .access_log = false});
    api_->SetBackupDirectory((backups_.path() / "backups").string());
    api_->AddRoutes(dashboards::AddPageRoutes);  // as tools/server/main.cpp does
    tokens_[kPartnerThis] = Issue(Role::kPartner, "efj", "");
    tokens_[kPartnerOther] = Issue(Role::kPartner, "rsf", "");
    tokens_[kEditor] = Issue(Role::kEditor, "", "");
    tokens_[kStateThis] = Issue(Role::kState, "", "BY");
    tokens_[kStateOther] = Issue(Role::kState, "", "RU");
    tokens_[kAnalyst] = Issue(Role::kAnalyst, "", "");
    tokens_[kAdmin] = Issue(Role::kAdmin, "", "");
    api_->SetReady(true);
  }

  // Fresh credentials for one call: a desk session (sign-in and sign-out routes end them),
  // and for kRevoked a partner token that signs in and is then revoked.
  void Prepare(Caller caller) {
    cookies_[caller].clear();
    csrf_[caller].clear();
    std::string revoked_id;
    if (caller == kRevoked) tokens_[kRevoked] = Issue(Role::kPartner, "efj", "", &revoked_id);
    SignIn(caller);
    if (caller == kRevoked) {
      ASSERT_TRUE(platform_->tokens().Revoke(tracker::Principal::Admin(), revoked_id));
    }
  }

  std::string Issue(Role role, std::string partner, std::string country,
                    std::string* id = nullptr) {
    auto issued =
        platform_->tokens().Create(tracker::Principal::Admin(), role, partner, country, "matrix");
    EXPECT_TRUE(issued);
    if (!issued) return "";
    if (id != nullptr) *id = issued->record.id;
    return issued->secret;
  }

  // A desk session for callers that may sign in: its cookie and CSRF token.
  void SignIn(Caller caller) {
    if (tokens_[caller].empty()) return;
    HttpRequest request = Form("token=" + tokens_[caller]);
    request.method = "POST";
    request.target = "/signin";
    HttpResponse response = api_->Handle(request);
    if (response.status != 303) return;
    for (const auto& [name, value] : response.headers)
      if (EqualsIgnoreCase(name, "Set-Cookie")) cookies_[caller] = value.substr(0, value.find(';'));
    HttpRequest desk;
    desk.method = "GET";
    desk.target = std::string(response.Header("Location"));
    desk.headers = {{"Cookie", cookies_[caller]}};
    HttpResponse page = api_->Handle(desk);
    std::smatch match;
    const std::string html = page.body.str();
    if (std::regex_search(html, match, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\"")))
      csrf_[caller] = match[1].str();
  }

  Subject MakeSubject(AlertState setup) {
    Subject s;
    tracker::Alert alert = setup == AlertState::kDraft ? Submit("efj") : SubmitPublished("efj");
    s.alert = alert.id;
    s.version = alert.version;
    s.other = SubmitPublished("efj").id;
    auto issued = platform_->tokens().Create(tracker::Principal::Admin(), Role::kAnalyst, "", "",
                                             "to revoke");
    EXPECT_TRUE(issued);
    if (issued) s.token_id = issued->record.id;
    // One subscription at a time (the previous call's is deleted), so publications do not
    // queue deliveries for hundreds of them.
    // (The delete route may have removed it already.)
    if (!subscription_.empty())
      static_cast<void>(
          platform_->subscriptions().Delete(tracker::Principal::Admin(), subscription_));
    auto subscribed = platform_->subscriptions().Create(
        *platform_->tokens().Authenticate(tokens_[kPartnerThis]),
        boost::json::parse(R"({"url":"https://93.184.216.34/hook","events":["alert.published"]})"));
    EXPECT_TRUE(subscribed);
    if (subscribed) s.subscription = subscription_ = subscribed->subscription.id;
    SubmitPublished("efj");  // queues one delivery
    auto deliveries = platform_->subscriptions().Deliveries(tracker::Principal::Admin(),
                                                            s.subscription, std::nullopt, 10);
    EXPECT_TRUE(deliveries && !deliveries->empty());
    if (deliveries && !deliveries->empty()) s.delivery = deliveries->front().id;
    return s;
  }

  // The route's pattern with its parameters filled in from `s`.
  static std::string Path(const Route& route, const Subject& s) {
    std::string path = route.pattern;
    auto fill = [&](std::string_view param, const std::string& value) {
      if (auto at = path.find(param); at != std::string::npos)
        path.replace(at, param.size(), value);
    };
    fill("{id}", route.pattern.starts_with("/api/v1/tokens")          ? s.token_id
                 : route.pattern.starts_with("/api/v1/subscriptions") ? s.subscription
                                                                      : std::to_string(s.alert));
    fill("{delivery_id}", s.delivery);
    const dashboards::EmbeddedFile* css = dashboards::FindEmbeddedFile("app.css");
    fill("{file}", css != nullptr ? std::string(css->hashed_name) : "missing");
    EXPECT_EQ(path.find('{'), std::string::npos) << route.pattern << ": parameter not filled";
    return path;
  }

  int Call(const Route& route, const Rule& rule, Caller caller) {
    Prepare(caller);
    Subject subject = MakeSubject(rule.setup);
    subject.csrf = csrf_[caller];
    HttpRequest request = rule.request(subject);
    request.method = route.method;
    request.target = Path(route, subject) + request.target;
    if (!tokens_[caller].empty()) {
      if (route.operation_id == "pageSignInPost")
        request.body = "token=" + tokens_[caller];  // signing in is sending the token
      else
        request.headers.push_back({"Authorization", "Bearer " + tokens_[caller]});
    }
    if (!cookies_[caller].empty()) request.headers.push_back({"Cookie", cookies_[caller]});
    HttpResponse response = api_->Handle(request);
    if (response.stream) {
      std::string piece;
      while (response.stream(piece)) piece.clear();
    }
    return response.status;
  }

  testing::TempDir backups_;
  std::unique_ptr<Api> api_;
  std::array<std::string, kCallers> tokens_, cookies_, csrf_;
  std::string subscription_;  // the latest subject's
};

TEST_F(AccessMatrixTest, EveryRouteHasARuleAndEveryCallerGetsItsStatus) {
  const std::map<std::string, Rule> rules = Rules();
  std::set<std::string> seen;
  for (const Route& route : api_->router().routes()) {
    seen.insert(route.operation_id);
    auto rule = rules.find(route.operation_id);
    if (rule == rules.end()) {
      ADD_FAILURE() << route.method << " " << route.pattern << " (" << route.operation_id
                    << ") has no rule in the access matrix: add one saying who may call it";
      continue;
    }
    for (int c = 0; c < kCallers; ++c) {
      const int status = Call(route, rule->second, static_cast<Caller>(c));
      EXPECT_EQ(status, rule->second.expected[c])
          << route.method << " " << route.pattern << " as " << kCallerNames[c];
    }
  }
  for (const auto& [id, rule] : rules)
    EXPECT_TRUE(seen.contains(id)) << "rule for " << id << ", which is not a route any more";
}

// The test catches a route without a rule: a route added at run time is reported.
TEST_F(AccessMatrixTest, ARouteWithoutARuleIsFound) {
  api_->AddRoutes([](Router& router, const RouteDeps&) {
    router.Add(
        {"GET", "/api/v1/new-thing", "newThing", [](RequestContext&) { return HttpResponse{}; }});
  });
  const std::map<std::string, Rule> rules = Rules();
  std::vector<std::string> missing;
  for (const Route& route : api_->router().routes())
    if (!rules.contains(route.operation_id)) missing.push_back(route.operation_id);
  EXPECT_EQ(missing, std::vector<std::string>{"newThing"});
}

}  // namespace
}  // namespace soj::api
