// The alert feeds: GET /feeds/alerts.json (JSON Feed 1.1) and GET /feeds/alerts.atom (Atom 1.0,
// RFC 4287). Both show the latest published and resolved alerts as the public sees them
// (tracker/feed_query.hpp), filtered by country and category, in the requested language, with
// absolute links, and answer pollers with 304 on If-None-Match or If-Modified-Since.

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <ctime>

#include "api/api.hpp"
#include "api/caching.hpp"
#include "api/list_query.hpp"
#include "api/response_cache.hpp"
#include "api/responses.hpp"
#include "api/xml_writer.hpp"
#include "tracker/digest.hpp"
#include "tracker/feed_query.hpp"
#include "tracker/reference_data.hpp"

namespace soj::api {
namespace {

namespace json = boost::json;
using tracker::FeedEntry;

constexpr std::string_view kFeedTitle = "Safety of Journalists: media-freedom alerts";
// Atom ids and JSON Feed item ids: tag URIs (RFC 4151) that do not depend on the host name
// the feed was fetched under, so readers never see an entry twice.
constexpr std::string_view kTagPrefix = "tag:soj-tracker,2023:";

// Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); nullopt for anything else, which
// RFC 9110 says to ignore.
std::optional<int64_t> ParseHttpDate(std::string_view text) {
  std::tm tm{};
  std::string copy(text);
  const char* end = strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<int64_t>(timegm(&tm));
}

// A host name or address with an optional port: nothing that could break out of a URL.
bool PlausibleHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':' &&
        c != '[' && c != ']')
      return false;
  return true;
}

// The absolute base URL links are built on: --public-url, else the Host the client used.
std::string BaseUrl(const ApiOptions& options, const HttpRequest& request) {
  std::string base = options.public_url;
  if (base.empty()) {
    std::string_view host = request.Header("Host");
    if (!PlausibleHost(host)) host = "localhost";
    base = std::string(request.tls ? "https://" : "http://") + std::string(host);
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

struct FeedQuery {
  tracker::FeedRequest request;
  std::string canonical;  // the filters in a fixed order, for the feed's id and self link
};

tracker::Result<FeedQuery> ParseFeedQuery(boost::urls::params_view query) {
  FeedQuery out;
  tracker::FieldErrors errors;
  for (const auto& param : query)
    if (param.key != "country" && param.key != "category" && param.key != "lang" &&
        param.key != "limit")
      errors.Add(std::string(param.key), "is not a filter of this feed");
  ForEachValue(query, "country", [&](std::string_view value) {
    if (tracker::FindCountry(value))
      out.request.countries.emplace_back(value);
    else
      errors.Add("country", "must be an ISO code of a country in scope (see /api/v1/countries)");
  });
  ForEachValue(query, "category", [&](std::string_view value) {
    if (auto c = tracker::EnumFromName<tracker::Category>(value, tracker::kCategoryNames))
      out.request.categories.push_back(*c);
    else
      errors.Add("category", "must be one of attack, detention, harassment, impunity, chilling");
  });
  for (const auto& param : query) {
    if (param.key == "lang") {
      std::string_view v = param.value;
      if (std::find(tracker::kLanguages.begin(), tracker::kLanguages.end(), v) ==
          tracker::kLanguages.end())
        errors.Add("lang", "must be en, fr, ru or be");
      else
        out.request.lang = std::string(v);
    } else if (param.key == "limit") {
      std::string_view v = param.value;
      std::size_t limit = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), limit);
      if (ec != std::errc() || end != v.data() + v.size() || limit < 1 ||
          limit > tracker::kMaxFeedSize)
        errors.Add("limit",
                   "must be a whole number from 1 to " + std::to_string(tracker::kMaxFeedSize));
      else
        out.request.limit = limit;
    }
  }
  if (!errors.empty())
    return tracker::Error{
        tracker::ErrorKind::kBadRequest, "the query string has errors", errors.Take(), {}};
  auto sorted_countries = out.request.countries;
  std::sort(sorted_countries.begin(), sorted_countries.end());
  sorted_countries.erase(std::unique(sorted_countries.begin(), sorted_countries.end()),
                         sorted_countries.end());
  auto sorted_categories = out.request.categories;
  std::sort(sorted_categories.begin(), sorted_categories.end());
  sorted_categories.erase(std::unique(sorted_categories.begin(), sorted_categories.end()),
                          sorted_categories.end());
  auto add = [&](std::string_view key, std::string_view value) {
    out.canonical += out.canonical.empty() ? "?" : "&";
    out.canonical += key;
    out.canonical += '=';
    out.canonical += value;
  };
  if (!sorted_countries.empty()) {
    std::string joined;
    for (const auto& c : sorted_countries) joined += (joined.empty() ? "" : ",") + c;
    add("country", joined);
  }
  if (!sorted_categories.empty()) {
    std::string joined;
    for (auto c : sorted_categories)
      joined.append(joined.empty() ? "" : ",").append(tracker::ToString(c));
    add("category", joined);
  }
  if (!out.request.lang.empty()) add("lang", out.request.lang);
  return out;
}

std::string EntryId(const FeedEntry& entry) {
  return std::string(kTagPrefix) + "alert/" + std::to_string(entry.id);
}

// The text of an entry: the description, then the facts a reader scans for.
std::string EntryText(const FeedEntry& entry) {
  std::string text = entry.description;
  text += "\n\nCountry: " + entry.country + ". Incident date: " + entry.incident_date.ToString() +
          ". Level " + std::to_string(entry.level) +
          ". Status: " + std::string(tracker::ToString(entry.status)) + ".";
  if (!entry.victims.empty()) {
    text += "\nVictims: ";
    for (std::size_t i = 0; i < entry.victims.size(); ++i)
      text += (i ? "; " : "") + entry.victims[i];
    text += ".";
  }
  return text;
}

class FeedRoutes {
 public:
  FeedRoutes(tracker::Platform& platform, const ApiOptions& options)
      : store_(platform.store()), options_(options) {}

  HttpResponse Json(RequestContext& ctx) { return Serve(ctx, false); }
  HttpResponse Atom(RequestContext& ctx) { return Serve(ctx, true); }

 private:
  HttpResponse Serve(RequestContext& ctx, bool atom) {
    auto query = ParseFeedQuery(ctx.query);
    if (!query) return ErrorResponse(query.error());
    const std::string base = BaseUrl(options_, ctx.request);
    // Read before building: an answer is never labelled older than what it holds.
    const uint64_t sequence = store_.LastCommitSequence();
    // The base URL of the links comes from the request (Host, scheme) when --public-url is
    // not set: it shapes the answer as much as the query does.
    const std::string key = QuerySubject(ctx, atom ? "atom feed" : "json feed", base);
    HttpResponse response;
    if (auto cached = cache_.Find(key, sequence)) {
      response = std::move(*cached);
    } else {
      auto built = Build(*query, base, atom);
      if (!built) return ErrorResponse(built.error());
      response = std::move(*built);
      cache_.Put(key, sequence, response);
    }
    // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); Api::Finish answers it.
    if (!ctx.request.HasHeader("If-None-Match") && ctx.request.HasHeader("If-Modified-Since")) {
      const auto modified = ParseHttpDate(response.Header("Last-Modified"));
      if (auto since = ParseHttpDate(ctx.request.Header("If-Modified-Since"));
          since && modified && *since >= *modified) {
        response.status = 304;
        response.body.clear();
        std::erase_if(response.headers,
                      [](const auto& h) { return EqualsIgnoreCase(h.first, "Content-Type"); });
      }
    }
    return response;
  }

  // The whole answer: body, ETag (a hash of the body) and Last-Modified. Cache-Control is
  // Api::Finish's: feeds carry victims' names, so pollers revalidate (cheap: 304 from here).
  tracker::Result<HttpResponse> Build(const FeedQuery& query, const std::string& base,
                                      bool atom) const {
    auto feed = tracker::LatestPublishedAlerts(store_, query.request);
    if (!feed) return feed.error();
    const std::string self =
        base + (atom ? "/feeds/alerts.atom" : "/feeds/alerts.json") + query.canonical;
    HttpResponse response;
    response.status = 200;
    if (atom) {
      response.body = AtomDocument(*feed, base, self, query.canonical);
      response.Set("Content-Type", "application/atom+xml; charset=utf-8");
    } else {
      response.body = JsonFeedDocument(*feed, base, self);
      response.Set("Content-Type", "application/feed+json; charset=utf-8");
    }
    // A change within the current second could follow this answer in the same second: claim
    // a second earlier then, so If-Modified-Since never hides it (ETags stay exact).
    int64_t modified = feed->updated.unix_seconds();
    if (modified >= static_cast<int64_t>(std::time(nullptr))) modified -= 1;
    response.Set("ETag", BodyEtag(response.body));
    response.Set("Last-Modified", HttpDate(modified));
    return response;
  }

  static std::string JsonFeedDocument(const tracker::Feed& feed, const std::string& base,
                                      const std::string& self) {
    json::array items;
    for (const FeedEntry& entry : feed.entries) {
      const std::string page = base + "/alerts/" + std::to_string(entry.id);
      const std::string api = base + "/api/v1/alerts/" + std::to_string(entry.id);
      json::array tags;
      tags.emplace_back(entry.country);
      for (auto c : entry.categories) tags.emplace_back(tracker::ToString(c));
      json::array categories;
      for (auto c : entry.categories) categories.emplace_back(tracker::ToString(c));
      json::object item{{"id", EntryId(entry)},
                        {"url", page},
                        {"title", entry.title},
                        {"content_text", EntryText(entry)},
                        {"date_published", entry.published.ToString()},
                        {"date_modified", entry.updated.ToString()},
                        {"tags", std::move(tags)},
                        {"_soj", json::object{{"alert_id", entry.id},
                                              {"api_url", api},
                                              {"country", entry.country},
                                              {"categories", std::move(categories)},
                                              {"level", entry.level},
                                              {"status", tracker::ToString(entry.status)},
                                              {"incident_date", entry.incident_date.ToString()}}}};
      if (!entry.language.empty()) item["language"] = entry.language;
      items.push_back(std::move(item));
    }
    json::object doc{{"version", "https://jsonfeed.org/version/1.1"},
                     {"title", kFeedTitle},
                     {"home_page_url", base + "/alerts"},
                     {"feed_url", self},
                     {"description",
                      "The latest published alerts about serious threats to "
                      "journalists and media."},
                     {"authors", json::array{json::object{{"name",
                                                           "Safety of Journalists "
                                                           "platform"},
                                                          {"url", base + "/"}}}},
                     {"items", std::move(items)}};
    return json::serialize(doc);
  }

  static std::string AtomDocument(const tracker::Feed& feed, const std::string& base,
                                  const std::string& self, const std::string& canonical) {
    XmlWriter xml;
    xml.Open("feed", {{"xmlns", "http://www.w3.org/2005/Atom"}});
    xml.Element("id", std::string(kTagPrefix) + "feeds/alerts" + canonical);
    xml.Element("title", kFeedTitle, {{"type", "text"}});
    xml.Element("updated", feed.updated.ToString());
    xml.Element("link", "", {{"rel", "self"}, {"type", "application/atom+xml"}, {"href", self}});
    const std::string home = base + "/alerts";
    xml.Element("link", "", {{"rel", "alternate"}, {"type", "text/html"}, {"href", home}});
    xml.Open("author");
    xml.Element("name", "Safety of Journalists platform");
    xml.Close();
    xml.Element("generator", "soj-tracker");
    const std::string countries = base + "/api/v1/countries";
    const std::string categories = base + "/api/v1/categories";
    for (const FeedEntry& entry : feed.entries) {
      const std::string page = base + "/alerts/" + std::to_string(entry.id);
      const std::string api = base + "/api/v1/alerts/" + std::to_string(entry.id);
      if (entry.language.empty())
        xml.Open("entry");
      else
        xml.Open("entry", {{"xml:lang", entry.language}});
      xml.Element("id", EntryId(entry));
      xml.Element("title", entry.title, {{"type", "text"}});
      xml.Element("published", entry.published.ToString());
      xml.Element("updated", entry.updated.ToString());
      xml.Element("link", "", {{"rel", "alternate"}, {"type", "text/html"}, {"href", page}});
      xml.Element("link", "", {{"rel", "related"}, {"type", "application/json"}, {"href", api}});
      xml.Element("category", "", {{"term", entry.country}, {"scheme", countries}});
      for (auto c : entry.categories)
        xml.Element("category", "", {{"term", tracker::ToString(c)}, {"scheme", categories}});
      xml.Element("content", EntryText(entry), {{"type", "text"}});
      xml.Close();
    }
    return xml.Finish();
  }

  const storage::Store& store_;
  const ApiOptions& options_;
  ResponseCache cache_;
};

}  // namespace

void AddFeedRoutes(Router& router, const RouteDeps& deps) {
  auto routes = std::make_shared<FeedRoutes>(deps.platform, deps.options);
  router.Add({"GET", "/feeds/alerts.json", "getAlertsJsonFeed",
              [routes](RequestContext& ctx) { return routes->Json(ctx); }});
  router.Add({"GET", "/feeds/alerts.atom", "getAlertsAtomFeed",
              [routes](RequestContext& ctx) { return routes->Atom(ctx); }});
}

}  // namespace soj::api
