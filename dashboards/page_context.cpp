#include "dashboards/page_context.hpp"

#include "dashboards/embedded_files.hpp"
#include "tracker/reference_data.hpp"

namespace soj::dashboards {
namespace {

// Scripts and styles from our own origin only; nothing inline, no framing, no referrer.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

}  // namespace

Page::Page(PageServices& services_in, const api::RequestContext& ctx_in)
    : services(services_in), ctx(ctx_in) {
  const std::string_view cookies = ctx.request.Header("Cookie");
  const std::string query_lang = Param("lang");
  lang = NegotiateLanguage(query_lang, CookieValue(cookies, kLangCookie),
                           ctx.request.Header("Accept-Language"));
  remember_lang =
      LangFromCode(query_lang).has_value() && CookieValue(cookies, kLangCookie) != LangCode(lang);
  const std::string_view id = CookieValue(cookies, SessionCookieName(Https()));
  if (!id.empty()) session = services.sessions.Find(id);
  // A revoked token ends the sessions opened with it at once, not when they expire.
  if (session && !services.platform.tokens().IsActive(session->principal.token_id)) {
    services.sessions.Remove(session->id);
    session.reset();
  }
}

std::string Page::Param(std::string_view key) const {
  std::string value;
  for (const auto& param : ctx.query)
    if (param.key == key) value = std::string(param.value);
  return value;
}

std::vector<std::string> Page::Params(std::string_view key) const {
  std::vector<std::string> values;
  for (const auto& param : ctx.query) {
    if (param.key != key) continue;
    std::string_view rest = param.value;
    while (true) {
      const std::size_t comma = rest.find(',');
      if (!rest.substr(0, comma).empty()) values.emplace_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return values;
}

std::string Page::CountryName(std::string_view code) const {
  const std::string key = "country." + std::string(code);
  if (services.catalog.Has(Lang::kEn, key)) return std::string(T(key));
  if (const tracker::Country* country = tracker::FindCountry(code))
    return std::string(country->name);
  return std::string(code);
}

const tracker::Principal& Page::Who() const {
  static const tracker::Principal kPublic = tracker::Principal::Public();
  return session ? session->principal : kPublic;
}

std::string AssetUrl(std::string_view name) {
  const EmbeddedFile* file = FindEmbeddedFile(name);
  return file == nullptr ? std::string() : "/static/" + std::string(file->hashed_name);
}

bool HaveAsset(std::string_view name) { return FindEmbeddedFile(name) != nullptr; }

void AddPageHeaders(const Page& page, api::HttpResponse& response) {
  response.Set("Content-Type", "text/html; charset=utf-8");
  response.Set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.Set("Referrer-Policy", "no-referrer");
  response.Set("X-Content-Type-Options", "nosniff");
  response.Set("X-Frame-Options", "DENY");
  response.Set("Content-Language", std::string(LangCode(page.lang)));
  response.Set("Vary", "Cookie, Accept-Language");
  if (page.SignedIn() || page.remember_lang ||
      (page.ctx.request.method != "GET" && page.ctx.request.method != "HEAD"))
    response.Set("Cache-Control", "private, no-store");
  // Otherwise Api::Finish decides (PublicCacheControl): pages show victims' names.
  if (page.remember_lang)
    response.headers.emplace_back(
        "Set-Cookie", std::string(kLangCookie) + "=" + std::string(LangCode(page.lang)) +
                          "; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000" +
                          (page.Https() ? "; Secure" : ""));
}

api::HttpResponse SeeOther(const Page& page, std::string location) {
  api::HttpResponse response;
  response.status = 303;
  AddPageHeaders(page, response);
  response.Set("Location", std::move(location));
  return response;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string WithQuery(std::string_view path,
                      const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out(path);
  char sep = '?';
  for (const auto& [key, value] : params) {
    if (value.empty()) continue;
    out += sep;
    out += UrlEncode(key);
    out += '=';
    out += UrlEncode(value);
    sep = '&';
  }
  return out;
}

}  // namespace soj::dashboards
