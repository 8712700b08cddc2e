#pragma once
// Page: what every page renderer needs about one request: its language and strings, the
// signed-in session (if any), the query, today's date, and the response helpers that give
// pages their headers (HTML type, CSP, caching, language cookie).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/http_message.hpp"
#include "api/router.hpp"
#include "dashboards/html.hpp"
#include "dashboards/i18n.hpp"
#include "dashboards/sessions.hpp"
#include "tracker/platform.hpp"

namespace soj::dashboards {

inline constexpr std::string_view kLangCookie = "soj_lang";

// What the page routes share; lives as long as the router.
struct PageServices {
  tracker::Platform& platform;
  SessionStore& sessions;
  const Catalog& catalog;
  // --public-url is https: the service is public over https only, whatever a request says.
  bool https_public_url = false;
};

class Page {
 public:
  Page(PageServices& services, const api::RequestContext& ctx);

  PageServices& services;
  const api::RequestContext& ctx;
  Lang lang;
  std::optional<Session> session;

  tracker::Platform& platform() const { return services.platform; }
  std::string_view T(std::string_view key) const { return services.catalog.Get(lang, key); }
  std::string Tf(std::string_view key,
                 std::initializer_list<std::pair<std::string_view, std::string>> args) const {
    return FormatText(T(key), args);
  }
  std::string Date(tracker::Date date) const { return FormatDate(services.catalog, lang, date); }
  std::string Number(uint64_t n) const { return FormatNumber(lang, n); }
  tracker::Date Today() const { return services.platform.clock().Today(); }
  // The last value of query parameter `key`, or "".
  std::string Param(std::string_view key) const;
  // Every value of a query parameter (repeated or comma-separated).
  std::vector<std::string> Params(std::string_view key) const;
  // The translated name of a country code (the code itself when unknown).
  std::string CountryName(std::string_view code) const;
  bool SignedIn() const { return session.has_value(); }
  // Whether the client is on https (HttpRequest::tls) or the service is public over https only:
  // cookies are then Secure and the desk cookie is __Host- (kSecureSessionCookie).
  bool Https() const { return ctx.request.tls || services.https_public_url; }
  const tracker::Principal& Who() const;  // the session's principal, or the public

  // Whether the request asked for a language that should be remembered in a cookie.
  bool remember_lang = false;
};

// Header and footer around `body`; `scripts` are logical asset names ("app.js").
api::HttpResponse RenderPage(const Page& page, int status, std::string_view title,
                             const std::function<void(Html&)>& body,
                             const std::vector<std::string_view>& scripts = {});

// The public URL of an embedded asset, with its content hash ("/static/app.3f9a1c2b7d4e.js").
// The desk a role works at: /submit, /review or /reply ("/" for the others).
std::string_view DeskPath(tracker::Role role);
std::string AssetUrl(std::string_view name);
bool HaveAsset(std::string_view name);

// 303 See Other to `location` (after a form post), with the page headers.
api::HttpResponse SeeOther(const Page& page, std::string location);
// Adds the headers every HTML answer carries (type, CSP, referrer policy, caching, cookie).
void AddPageHeaders(const Page& page, api::HttpResponse& response);

// Encodes a query string component.
std::string UrlEncode(std::string_view text);
// "/alerts" + "?a=1&b=2" from pairs (values encoded); empty values are left out.
std::string WithQuery(std::string_view path,
                      const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace soj::dashboards
