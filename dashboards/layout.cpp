// The frame of every page: <head>, the skip link, navigation, language switcher, the signed-in
// bar and the footer.

#include <boost/url/parse.hpp>

#include "dashboards/page_context.hpp"

namespace soj::dashboards {
namespace {

// The current page's URL with lang=`code` in place of any lang parameter.
std::string SwitchLanguageUrl(const Page& page, std::string_view code) {
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& param : page.ctx.query)
    if (param.key != "lang") params.emplace_back(param.key, param.value);
  params.emplace_back("lang", std::string(code));
  std::string path = "/";
  if (auto url = boost::urls::parse_origin_form(page.ctx.request.target)) path = url->path();
  return WithQuery(path, params);
}

void Navigation(const Page& page, Html& h) {
  auto header = h.Open("header", {{"class", "site-header"}});
  h.Element("a", {{"class", "skip"}, {"href", "#main"}}, page.T("nav.skip"));
  {
    auto brand = h.Open("p", {{"class", "brand"}});
    h.Element("a", {{"href", "/"}}, page.T("site.name"));
  }
  {
    auto nav = h.Open("nav", {{"aria-label", std::string(page.T("nav.label"))}});
    auto ul = h.Open("ul");
    const std::string path = [&] {
      auto url = boost::urls::parse_origin_form(page.ctx.request.target);
      return url ? std::string(url->path()) : std::string("/");
    }();
    auto item = [&](std::string_view href, std::string_view key) {
      auto li = h.Open("li");
      const bool current = path == href || (href != "/" && path.starts_with(href));
      h.Element("a", {{"href", std::string(href)}, {"aria-current", "page", current}}, page.T(key));
    };
    item("/", "nav.home");
    item("/alerts", "nav.alerts");
    item("/stats", "nav.stats");
    if (page.SignedIn())
      item(DeskPath(page.Who().role), "nav.desk");
    else
      item("/signin", "nav.signin");
  }
  {
    auto langs = h.Open(
        "ul", {{"class", "languages"}, {"aria-label", std::string(page.T("nav.languages"))}});
    for (Lang lang : kAllLangs) {
      auto li = h.Open("li");
      const std::string code(LangCode(lang));
      h.Element("a",
                {{"href", SwitchLanguageUrl(page, code)},
                 {"lang", code},
                 {"hreflang", code},
                 {"aria-current", "true", lang == page.lang}},
                page.services.catalog.Get(lang, "lang.self"));
    }
  }
  if (page.SignedIn()) {
    auto bar = h.Open("form", {{"class", "session"}, {"method", "post"}, {"action", "/signout"}});
    h.Element("span", page.Tf("session.signed_in_as", {{"who", page.Who().Actor()}}));
    h.Void("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", page.session->csrf}});
    h.Element("button", {{"type", "submit"}}, page.T("session.signout"));
  }
}

}  // namespace

std::string_view DeskPath(tracker::Role role) {
  switch (role) {
    case tracker::Role::kPartner:
      return "/submit";
    case tracker::Role::kEditor:
      return "/review";
    case tracker::Role::kState:
      return "/reply";
    default:
      return "/";
  }
}

api::HttpResponse RenderPage(const Page& page, int status, std::string_view title,
                             const std::function<void(Html&)>& body,
                             const std::vector<std::string_view>& scripts) {
  Html h;
  h.Doctype();
  {
    auto html = h.Open("html", {{"lang", std::string(LangCode(page.lang))}});
    {
      auto head = h.Open("head");
      h.Void("meta", {{"charset", "utf-8"}});
      h.Void("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
      h.Void("meta", {{"name", "referrer"}, {"content", "no-referrer"}});
      h.Element("title", std::string(title) + " — " + std::string(page.T("site.name")));
      h.Void("link", {{"rel", "stylesheet"}, {"href", AssetUrl("app.css")}});
      h.Void("link",
             {{"rel", "icon"}, {"type", "image/svg+xml"}, {"href", AssetUrl("favicon.svg")}});
      for (std::string_view script : scripts)
        if (HaveAsset(script)) h.Element("script", {{"src", AssetUrl(script)}, Flag("defer")}, "");
    }
    auto bodytag = h.Open("body");
    Navigation(page, h);
    {
      auto main = h.Open("main", {{"id", "main"}, {"tabindex", "-1"}});
      h.Element("h1", title);
      body(h);
    }
    auto footer = h.Open("footer", {{"class", "site-footer"}});
    auto p = h.Open("p");
    h.Text(page.T("footer.about"));
    h.Text(" ");
    h.Element("a", {{"href", "/api/v1/openapi.json"}}, page.T("footer.api"));
    h.Text(" · ");
    h.Element("a", {{"href", "/feeds/alerts.atom"}}, page.T("footer.feed"));
  }
  api::HttpResponse response;
  response.status = status;
  response.body = h.Take();
  AddPageHeaders(page, response);
  return response;
}

}  // namespace soj::dashboards
