#include "dashboards/page_routes.hpp"

#include <memory>

#include "api/caching.hpp"
#include "dashboards/desk_forms.hpp"
#include "dashboards/embedded_files.hpp"

namespace soj::dashboards {
namespace {

// Assets are named by their content hash: a name never changes meaning, so caches keep them.
api::HttpResponse StaticAsset(const api::RequestContext& ctx) {
  const EmbeddedFile* file = FindEmbeddedFileByHashedName(ctx.path_params.at(0));
  api::HttpResponse response;
  if (file == nullptr || file->name.starts_with("i18n/")) {
    response.status = 404;
    response.Set("Content-Type", "text/plain; charset=utf-8");
    response.Set("Cache-Control", "no-store");
    response.body = "not found\n";
    return response;
  }
  response.Set("Content-Type", std::string(file->content_type));
  response.Set("Cache-Control", "public, max-age=31536000, immutable");
  response.Set("ETag", api::QuotedEtag(file->hashed_name));
  response.Set("Cross-Origin-Resource-Policy", "same-origin");
  response.body = std::string(file->Text());
  return response;
}

}  // namespace

// Owns what the page handlers share; kept alive by the handlers that capture it.
struct PageSite {
  PageSite(tracker::Platform& platform, const api::ApiOptions& options)
      : services{platform, sessions, Catalog::Builtin(),
                 std::string_view(options.public_url).starts_with("https://")} {}
  SessionStore sessions;
  PageServices services;
};

void AddPageRoutes(api::Router& router, const api::RouteDeps& deps) {
  auto site = std::make_shared<PageSite>(deps.platform, deps.options);
  // Wraps a renderer taking (Page&, first path parameter) into a route handler.
  auto add = [&](std::string method, std::string pattern, std::string name,
                 std::function<api::HttpResponse(Page&, std::string_view)> render) {
    router.Add({std::move(method), std::move(pattern), std::move(name),
                [site, render](api::RequestContext& ctx) {
                  Page page(site->services, ctx);
                  const std::string param = ctx.path_params.empty() ? "" : ctx.path_params[0];
                  return render(page, param);
                }});
  };
  auto plain = [](api::HttpResponse (*fn)(Page&)) {
    return [fn](Page& page, std::string_view) { return fn(page); };
  };
  add("GET", "/", "pageHome", plain(HomePage));
  // The list searches and counts (a whole index's walk for an unfiltered list at a million
  // alerts): on a search worker, never on a network thread (Api::AnswerElsewhere).
  router.Add({"GET", "/alerts", "pageAlerts", [site, &api = deps.api](api::RequestContext& ctx) {
                return api.AnswerElsewhere(ctx, [site](api::RequestContext& own) {
                  Page page(site->services, own);
                  return AlertListPage(page);
                });
              }});
  add("GET", "/alerts/{id}", "pageCase", CasePage);
  add("GET", "/stats", "pageStats", plain(StatsPage));
  add("GET", "/signin", "pageSignIn", plain(SignInPage));
  add("POST", "/signin", "pageSignInPost", plain(SignInPost));
  add("POST", "/signout", "pageSignOut", plain(SignOutPost));
  add("GET", "/submit", "pageSubmit", plain(SubmitPage));
  add("POST", "/submit", "pageSubmitPost", plain(SubmitPost));
  add("GET", "/review", "pageReview", plain(ReviewQueuePage));
  add("GET", "/review/{id}", "pageReviewAlert", ReviewAlertPage);
  add("POST", "/review/{id}", "pageReviewPost", ReviewPost);
  add("GET", "/reply", "pageReply", plain(ReplyQueuePage));
  add("GET", "/reply/{id}", "pageReplyAlert", ReplyAlertPage);
  add("POST", "/reply/{id}", "pageReplyPost", ReplyPost);
  router.Add({"GET", "/static/{file}", "staticAsset", StaticAsset, /*queues_writes=*/false,
              /*free_of_alert_content=*/true});
  // A desk with a live session may take the server's reserved connection slots. The cookie's
  // name follows the scheme, as the pages read it (Page::Https).
  deps.api.SetSessionCheck([site](const api::HttpRequest& request) {
    const bool https = request.tls || site->services.https_public_url;
    const std::string_view id = CookieValue(request.Header("Cookie"), SessionCookieName(https));
    return !id.empty() && site->sessions.Find(id).has_value();
  });
}

}  // namespace soj::dashboards
