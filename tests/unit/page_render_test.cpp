// The HTML pages through Api::Handle with a real store: headers, escaping, privacy, language,
// sign-in, CSRF and the desk flows, without a browser.

#include <gtest/gtest.h>

#include <regex>

#include "api/api.hpp"
#include "dashboards/page_context.hpp"
#include "dashboards/page_routes.hpp"
#include "tests/tracker_fixture.hpp"

namespace soj::dashboards {
namespace {

using api::HttpRequest;
using api::HttpResponse;

class PageTest : public testing::PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    ServePages();
  }

  // The pages of the current platform, through a new Api.
  void ServePages() {
    api_ = std::make_unique<api::Api>(
        *platform_, api::ApiOptions{.public_url = "", .public_metrics = true, .access_log = false});
    api_->AddRoutes(AddPageRoutes);
  }

  HttpResponse Call(std::string method, std::string target, std::string body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    request.headers = std::move(headers);
    return api_->Handle(request);
  }

  std::string Token(tracker::Role role, std::string partner = "", std::string country = "") {
    auto issued =
        platform_->tokens().Create(tracker::Principal::Admin(), role, partner, country, "t");
    EXPECT_TRUE(issued);
    return issued ? issued->secret : "";
  }

  // Signs in; returns the Cookie header value and the CSRF token of the desk page.
  std::pair<std::string, std::string> SignIn(const std::string& token, std::string_view desk) {
    HttpResponse response = Call("POST", "/signin", "token=" + token,
                                 {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(response.status, 303);
    std::string set_cookie;
    for (const auto& [name, value] : response.headers)
      if (api::EqualsIgnoreCase(name, "Set-Cookie")) set_cookie = value;
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_EQ(set_cookie.find(token), std::string::npos);
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    HttpResponse page = Call("GET", std::string(desk), "", {{"Cookie", cookie}});
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.Header("Cache-Control"), "private, no-store");
    std::smatch match;
    const std::string html = page.body.str();
    std::regex_search(html, match, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\""));
    return {cookie, match.size() > 1 ? match[1].str() : ""};
  }

  std::unique_ptr<api::Api> api_;
};

TEST_F(PageTest, PagesAreHtmlWithStrictSecurityHeaders) {
  for (const char* path : {"/", "/alerts", "/stats", "/signin"}) {
    HttpResponse response = Call("GET", path);
    ASSERT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.Header("Content-Type"), "text/html; charset=utf-8");
    const std::string csp(response.Header("Content-Security-Policy"));
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(response.Header("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_NE(response.Header("Vary").find("Accept-Language"), std::string::npos);
    EXPECT_EQ(response.body.find("<script>"), std::string::npos) << "no inline script";
  }
}

TEST_F(PageTest, StaticAssetsAreHashedAndImmutable) {
  const std::string url = AssetUrl("app.js");
  ASSERT_TRUE(std::regex_match(url, std::regex("/static/app\\.[0-9a-f]{12}\\.js")));
  HttpResponse response = Call("GET", url);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Call("GET", "/static/app.js").status, 404);
  EXPECT_EQ(Call("GET", "/static/" + std::string("i18n%2Fen.json")).status, 404);
}

TEST_F(PageTest, AlertTextIsEscapedEverywhere) {
  const auto alert = SubmitPublished("efj", [](tracker::AlertContent& c) {
    c.title = "<script>alert('xss')</script><img src=x onerror=alert(1)>";
  });
  for (const std::string& path :
       {std::string("/"), std::string("/alerts"), "/alerts/" + std::to_string(alert.id)}) {
    HttpResponse response = Call("GET", path);
    ASSERT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.body.find("<script>alert"), std::string::npos) << path;
    EXPECT_EQ(response.body.find("<img src=x"), std::string::npos) << path;
    EXPECT_NE(response.body.find("&lt;script&gt;alert(&#39;xss&#39;)"), std::string::npos) << path;
  }
}

TEST_F(PageTest, WithheldNamesNeverReachPublicPages) {
  const auto alert = SubmitPublished("efj", [](tracker::AlertContent& c) {
    c.victims[0].name = "Secret Person";
    c.victims[0].outlet = "Hidden Outlet";
    c.victims[0].withheld = true;
  });
  // Signed in as the alert's own partner: public pages still render for the public.
  auto [cookie, csrf] = SignIn(Token(tracker::Role::kPartner, "efj"), "/submit");
  for (const std::string& path : {std::string("/"), std::string("/alerts"), std::string("/stats"),
                                  "/alerts/" + std::to_string(alert.id)}) {
    for (const auto& headers :
         {std::vector<std::pair<std::string, std::string>>{},
          std::vector<std::pair<std::string, std::string>>{{"Cookie", cookie}}}) {
      HttpResponse response = Call("GET", path, "", headers);
      EXPECT_EQ(response.body.find("Secret Person"), std::string::npos) << path;
      EXPECT_EQ(response.body.find("Hidden Outlet"), std::string::npos) << path;
    }
  }
  EXPECT_NE(Call("GET", "/alerts/" + std::to_string(alert.id)).body.find("name withheld"),
            std::string::npos);
}

TEST_F(PageTest, CasePageSpeaksTheAskedLanguage) {
  const auto alert = SubmitPublished("efj", [](tracker::AlertContent& c) {
    c.translations["fr"] = {std::string("Journaliste détenu à Minsk"), std::nullopt};
  });
  const std::string path = "/alerts/" + std::to_string(alert.id);
  HttpResponse fr = Call("GET", path + "?lang=fr");
  ASSERT_EQ(fr.status, 200);
  EXPECT_NE(fr.body.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(fr.body.find("Journaliste détenu à Minsk"), std::string::npos);
  EXPECT_NE(fr.body.find("Publiée — en attente de la réponse de l&#39;État"), std::string::npos);
  EXPECT_NE(fr.body.find("14 mars 2023"), std::string::npos);
  EXPECT_NE(std::string(fr.Header("Set-Cookie")).find("soj_lang=fr"), std::string::npos);
  HttpResponse ru = Call("GET", path, "", {{"Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5"}});
  EXPECT_NE(ru.body.find("14 марта 2023 г."), std::string::npos);
  HttpResponse by_cookie = Call("GET", path, "", {{"Cookie", "soj_lang=be"}});
  EXPECT_NE(by_cookie.body.find("<html lang=\"be\">"), std::string::npos);
}

TEST_F(PageTest, MergedAlertRedirectsAndHiddenAlertsAreNotFound) {
  const auto target = SubmitPublished();
  const auto duplicate = SubmitPublished();
  ASSERT_TRUE(alerts().Merge(tracker::Principal::Editor(), duplicate.id, target.id));
  HttpResponse moved = Call("GET", "/alerts/" + std::to_string(duplicate.id));
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.Header("Location"), "/alerts/" + std::to_string(target.id));
  const auto draft = Submit();
  EXPECT_EQ(Call("GET", "/alerts/" + std::to_string(draft.id)).status, 404);
  EXPECT_EQ(Call("GET", "/alerts/abc").status, 404);
}

TEST_F(PageTest, SearchErrorIsShownNotFatal) {
  SubmitPublished();
  HttpResponse response = Call("GET", "/alerts?q=minsk&country=&level=");
  ASSERT_EQ(response.status, 200);
  // Whether or not the list service searches yet, the page answers; an error shows as a notice.
  EXPECT_NE(response.body.find("result-count"), std::string::npos);
}

// While the search index is not there (being built after an import, or not opened at all as
// here), a search lists the alerts without its words, says so, and keeps them in the box.
TEST_F(PageTest, WithoutItsIndexASearchListsEverythingAndSaysWhy) {
  SubmitPublished();
  SubmitPublished("efj", [](tracker::AlertContent& c) { c.country = "TR"; });
  api_.reset();  // it holds the platform
  Reopen(tracker::PlatformOptions::Search::kLater);
  ServePages();
  HttpResponse response = Call("GET", "/alerts?q=minsk&country=TR");
  ASSERT_EQ(response.status, 200);
  const std::string html = response.body.str();
  EXPECT_NE(html.find("Search is not available at the moment"), std::string::npos) << html;
  EXPECT_NE(html.find(">1 alerts<"), std::string::npos) << "the other filters still apply";
  EXPECT_NE(html.find("value=\"minsk\""), std::string::npos) << "the words stay in the box";
}

TEST_F(PageTest, FiltersNarrowTheList) {
  SubmitPublished();
  SubmitPublished("efj", [](tracker::AlertContent& c) { c.country = "TR"; });
  HttpResponse all = Call("GET", "/alerts");
  HttpResponse turkey = Call("GET", "/alerts?country=TR");
  EXPECT_NE(all.body.find(">2 alerts<"), std::string::npos);
  EXPECT_NE(turkey.body.find(">1 alerts<"), std::string::npos);
}

TEST_F(PageTest, DeskFormsNeedSessionAndCsrf) {
  EXPECT_EQ(Call("GET", "/submit").status, 303);
  EXPECT_EQ(Call("POST", "/signin", "token=nope").status, 401);
  auto [cookie, csrf] = SignIn(Token(tracker::Role::kPartner, "efj"), "/submit");
  ASSERT_EQ(csrf.size(), 64u);
  const std::string form =
      "title=From+the+form&description=Text&country=BY&incident_date=2024-01-02"
      "&categories=detention&threat_source=state&level=1&victim_name=&victim_kind=journalist"
      "&victim_detained_since=&source=";
  EXPECT_EQ(Call("POST", "/submit", form, {{"Cookie", cookie}}).status, 403);
  EXPECT_EQ(
      Call("POST", "/submit", form + "&csrf=" + std::string(64, '0'), {{"Cookie", cookie}}).status,
      403);
  HttpResponse ok = Call("POST", "/submit", form + "&csrf=" + csrf, {{"Cookie", cookie}});
  ASSERT_EQ(ok.status, 303);
  EXPECT_TRUE(std::string(ok.Header("Location")).starts_with("/submit?submitted="));
  // Validation errors come back next to their fields, in the user's language.
  HttpResponse bad = Call("POST", "/submit", "csrf=" + csrf + "&title=&incident_date=2999-01-01",
                          {{"Cookie", cookie + "; soj_lang=fr"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"err-title\""), std::string::npos);
  EXPECT_NE(bad.body.find("Choisissez au moins une catégorie."), std::string::npos);
  // The partner cannot open the editors' desk.
  EXPECT_EQ(Call("GET", "/review", "", {{"Cookie", cookie}}).status, 403);
  // Sign-out ends the session.
  EXPECT_EQ(Call("POST", "/signout", "csrf=" + csrf, {{"Cookie", cookie}}).status, 303);
  EXPECT_EQ(Call("GET", "/submit", "", {{"Cookie", cookie}}).status, 303);
}

TEST_F(PageTest, RevokingTheTokenEndsItsSessions) {
  auto issued = platform_->tokens().Create(tracker::Principal::Admin(), tracker::Role::kEditor, "",
                                           "", "editor on a lost laptop");
  ASSERT_TRUE(issued);
  auto [cookie, csrf] = SignIn(issued->secret, "/review");
  ASSERT_EQ(Call("GET", "/review", "", {{"Cookie", cookie}}).status, 200);
  ASSERT_TRUE(platform_->tokens().Revoke(tracker::Principal::Admin(), issued->record.id));
  // Back to the sign-in page, as if never signed in.
  EXPECT_EQ(Call("GET", "/review", "", {{"Cookie", cookie}}).status, 303);
  EXPECT_FALSE(platform_->tokens().IsActive(issued->record.id));
  EXPECT_FALSE(platform_->tokens().IsActive("tok_unknown"));
}

TEST_F(PageTest, EditorPublishesAndStateReplies) {
  const auto draft = Submit();
  auto [editor, editor_csrf] = SignIn(Token(tracker::Role::kEditor), "/review");
  HttpResponse queue = Call("GET", "/review", "", {{"Cookie", editor}});
  EXPECT_NE(queue.body.find("/review/" + std::to_string(draft.id)), std::string::npos);
  HttpResponse published = Call("POST", "/review/" + std::to_string(draft.id),
                                "action=publish&csrf=" + editor_csrf, {{"Cookie", editor}});
  EXPECT_EQ(published.status, 303);
  auto [state, state_csrf] = SignIn(Token(tracker::Role::kState, "", "BY"), "/reply");
  HttpResponse replied = Call("POST", "/reply/" + std::to_string(draft.id),
                              "text=Official+reply&csrf=" + state_csrf, {{"Cookie", state}});
  EXPECT_EQ(replied.status, 303);
  HttpResponse fr = Call("GET", "/alerts/" + std::to_string(draft.id) + "?lang=fr");
  EXPECT_NE(fr.body.find("Official reply"), std::string::npos);
  EXPECT_NE(fr.body.find("Publiée — l&#39;État a répondu"), std::string::npos);
}

TEST_F(PageTest, CasePageIsLight) {
  const auto alert = SubmitPublished();
  EXPECT_LT(Call("GET", "/alerts/" + std::to_string(alert.id)).body.size(), 50u * 1024);
}

}  // namespace
}  // namespace soj::dashboards
