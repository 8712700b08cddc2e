// `/alerts`: the API's list filters as a plain GET form, the search box, the results and
// pagination links; plus the alert-list pieces other pages share.

#include <boost/url/parse.hpp>
#include <charconv>

#include "api/list_query.hpp"
#include "api/responses.hpp"
#include "dashboards/pages.hpp"
#include "tracker/reference_data.hpp"

namespace soj::dashboards {
namespace {

constexpr std::size_t kPageSize = 25;
// Parameters of the list that the form sends; everything else on the query is ignored.
constexpr std::array<std::string_view, 11> kListParams = {
    "q",       "country", "category", "level", "threat_source", "status",
    "partner", "from",    "to",       "sort",  "cursor"};

// The list parameters that carry a value (an empty form field means "any").
std::vector<std::pair<std::string, std::string>> FilledParams(const Page& page) {
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& param : page.ctx.query) {
    if (param.value.empty()) continue;
    if (std::find(kListParams.begin(), kListParams.end(), std::string_view(param.key)) ==
        kListParams.end())
      continue;
    params.emplace_back(param.key, param.value);
  }
  return params;
}

tracker::Result<tracker::ListRequest> ParseFilters(
    const std::vector<std::pair<std::string, std::string>>& params) {
  const std::string target = WithQuery("/alerts", params);
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return tracker::Error::BadRequest("malformed query");
  return api::ParseListQuery(url->params());
}

void Select(const Page& page, Html& h, std::string_view name, std::string_view label_key,
            const std::vector<std::pair<std::string, std::string>>& options) {
  auto div = h.Open("div", {{"class", "field"}});
  const std::string id = "f-" + std::string(name);
  h.Element("label", {{"for", id}}, page.T(label_key));
  auto select = h.Open("select", {{"id", id}, {"name", std::string(name)}});
  const std::string current = page.Param(name);
  h.Element("option", {{"value", ""}}, page.T("filter.any"));
  for (const auto& [value, text] : options)
    h.Element("option", {{"value", value}, Flag("selected", value == current)}, text);
}

void FilterForm(const Page& page, Html& h) {
  auto form = h.Open(
      "form", {{"class", "filters"}, {"method", "get"}, {"action", "/alerts"}, {"role", "search"}});
  {
    auto div = h.Open("div", {{"class", "field wide"}});
    h.Element("label", {{"for", "f-q"}}, page.T("filter.q"));
    h.Void("input", {{"id", "f-q"}, {"type", "search"}, {"name", "q"}, {"value", page.Param("q")}});
  }
  std::vector<std::pair<std::string, std::string>> countries;
  for (const auto& country : tracker::Countries())
    countries.emplace_back(country.code, page.CountryName(country.code));
  std::sort(countries.begin(), countries.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  Select(page, h, "country", "field.country", countries);
  auto named = [&](std::string_view prefix, auto names) {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::string_view name : names)
      out.emplace_back(name, page.T(std::string(prefix) + std::string(name)));
    return out;
  };
  Select(page, h, "category", "field.category", named("category.", tracker::kCategoryNames));
  Select(page, h, "level", "field.level",
         {{"1", std::string(page.T("level.1"))}, {"2", std::string(page.T("level.2"))}});
  Select(page, h, "threat_source", "field.threat_source",
         named("threat.", tracker::kThreatSourceNames));
  Select(page, h, "status", "field.status",
         named("status.", std::array<std::string_view, 2>{"published", "resolved"}));
  std::vector<std::pair<std::string, std::string>> partners;
  for (const auto& partner : page.platform().partners().All())
    partners.emplace_back(partner.id, partner.name);
  Select(page, h, "partner", "field.partner", partners);
  for (std::string_view name : {"from", "to"}) {
    auto div = h.Open("div", {{"class", "field"}});
    const std::string id = "f-" + std::string(name);
    h.Element("label", {{"for", id}}, page.T("filter." + std::string(name)));
    h.Void(
        "input",
        {{"id", id}, {"type", "date"}, {"name", std::string(name)}, {"value", page.Param(name)}});
  }
  Select(page, h, "sort", "filter.sort",
         {{"-incident_date", std::string(page.T("sort.newest"))},
          {"incident_date", std::string(page.T("sort.oldest"))},
          {"-updated_at", std::string(page.T("sort.updated"))}});
  if (!page.Param("lang").empty())
    h.Void("input", {{"type", "hidden"}, {"name", "lang"}, {"value", page.Param("lang")}});
  auto actions = h.Open("div", {{"class", "actions"}});
  h.Element("button", {{"type", "submit"}}, page.T("filter.apply"));
  h.Element("a", {{"href", "/alerts"}}, page.T("filter.reset"));
}

void FilterErrors(const Page& page, Html& h, const tracker::Error& error) {
  auto box = h.Open("div", {{"class", "notice error"}, {"role", "alert"}, {"id", "filter-errors"}});
  h.Element("p", page.T("filter.errors"));
  auto ul = h.Open("ul");
  for (const auto& field : error.fields) {
    // A search that could not run (its index being built) is not the visitor's mistake.
    if (field.field == "q" && error.kind != tracker::ErrorKind::kBadRequest)
      h.Element("li", page.T("filter.search_unavailable"));
    else
      h.Element("li", page.Tf("filter.bad_value", {{"field", field.field}}));
  }
}

}  // namespace

std::optional<tracker::AlertId> ParseAlertId(std::string_view text) {
  tracker::AlertId id = 0;
  if (text.empty() || text.size() > 19 || text[0] == '0') return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

std::string_view AlertTitle(const Page& page, const tracker::Alert& alert) {
  auto it = alert.content.translations.find(std::string(LangCode(page.lang)));
  if (it != alert.content.translations.end() && it->second.title) return *it->second.title;
  return alert.content.title;
}

std::string CategoryNames(const Page& page, const std::vector<tracker::Category>& categories) {
  std::string out;
  for (tracker::Category c : categories) {
    if (!out.empty()) out += ", ";
    out += page.T("category." + std::string(tracker::ToString(c)));
  }
  return out;
}

std::string StatusInWords(const Page& page, const tracker::Alert& alert) {
  using tracker::AlertStatus;
  switch (alert.status) {
    case AlertStatus::kPublished:
      return std::string(page.T(alert.state_replies.empty() ? "status.words.awaiting_reply"
                                                            : "status.words.replied"));
    case AlertStatus::kResolved:
      if (alert.resolution)
        return page.Tf("status.words.resolved", {{"date", page.Date(alert.resolution->date)},
                                                 {"reason", alert.resolution->reason}});
      return std::string(page.T("status.resolved"));
    default:
      return std::string(page.T("status." + std::string(tracker::ToString(alert.status))));
  }
}

void AlertList(const Page& page, Html& h, const std::vector<tracker::Alert>& alerts,
               std::string_view link_prefix) {
  if (alerts.empty()) {
    h.Element("p", {{"class", "empty"}}, page.T("list.empty"));
    return;
  }
  auto ol = h.Open("ol", {{"class", "alert-list"}});
  for (const tracker::Alert& alert : alerts) {
    auto li = h.Open("li");
    {
      auto heading = h.Open("h3");
      h.Element("a", {{"href", std::string(link_prefix) + std::to_string(alert.id)}},
                AlertTitle(page, alert));
    }
    auto p = h.Open("p", {{"class", "meta"}});
    h.Element("time", {{"datetime", alert.content.incident_date.ToString()}},
              page.Date(alert.content.incident_date));
    h.Text(" · " + page.CountryName(alert.content.country) + " · " +
           CategoryNames(page, alert.content.categories) + " · ");
    h.Element("span", {{"class", "status status-" + std::string(tracker::ToString(alert.status))}},
              StatusInWords(page, alert));
  }
}

std::string PartnerName(const Page& page, std::string_view id) {
  for (const auto& partner : page.platform().partners().All())
    if (partner.id == id) return partner.name;
  return std::string(id);
}

std::string PostedBy(const Page& page, std::string_view actor) {
  actor = actor.substr(0, actor.find(' '));
  if (actor.starts_with("state:"))
    return page.Tf("note.state", {{"country", page.CountryName(actor.substr(6))}});
  if (actor.starts_with("partner:")) return PartnerName(page, actor.substr(8));
  return std::string(page.T("note.secretariat"));
}

void CsvLink(const Page& page, Html& h, const std::string& href) {
  auto p = h.Open("p", {{"class", "download"}});
  h.Element("a", {{"href", href}, {"download", ""}, {"type", "text/csv"}}, page.T("stats.csv"));
}

api::HttpResponse AlertListPage(Page& page) {
  auto params = FilledParams(page);
  auto request = ParseFilters(params);
  std::optional<tracker::Error> filter_error;
  if (!request) {
    filter_error = request.error();
    // Show what can be shown: the list without the parameters that failed.
    std::erase_if(params, [&](const auto& param) {
      return std::any_of(filter_error->fields.begin(), filter_error->fields.end(),
                         [&](const auto& f) { return f.field == param.first; });
    });
    request = ParseFilters(params);
  }
  std::optional<tracker::AlertPage> results;
  if (request) {
    bool has_limit = false;
    for (const auto& param : page.ctx.query) has_limit |= param.key == "limit";
    if (!has_limit) request->limit = kPageSize;
    auto listed = page.platform().alerts().List(tracker::Principal::Public(), *request);
    if (!listed && listed.error().kind == tracker::ErrorKind::kUnavailable &&
        !request->text.empty()) {
      // Searching waits for its index (built in the background after an import or an
      // upgrade): the list without the search words, and a notice saying so. The search box
      // keeps the words, to try again.
      if (!filter_error) filter_error = tracker::Error::Invalid({});
      filter_error->fields.push_back({"q", std::string(api::PublicDetail(listed.error()))});
      std::erase_if(params, [](const auto& param) {
        return param.first == "q" || param.first == "cursor";  // a cursor of the search
      });
      request->text.clear();
      request->by_relevance = false;
      request->cursor.clear();
      listed = page.platform().alerts().List(tracker::Principal::Public(), *request);
    }
    if (listed)
      results = std::move(*listed);
    else
      filter_error = listed.error();
  }
  return RenderPage(page, 200, page.T("list.title"), [&](Html& h) {
    FilterForm(page, h);
    if (filter_error) FilterErrors(page, h, *filter_error);
    if (!results) return;
    h.Element("p", {{"class", "total"}, {"id", "result-count"}, {"role", "status"}},
              page.Tf(results->total_is_estimate ? "list.total_about" : "list.total",
                      {{"count", page.Number(results->total)}}));
    AlertList(page, h, results->items);
    auto nav =
        h.Open("nav", {{"class", "pagination"}, {"aria-label", std::string(page.T("list.pages"))}});
    std::vector<std::pair<std::string, std::string>> base;
    for (const auto& param : params)
      if (param.first != "cursor") base.push_back(param);
    if (!page.Param("cursor").empty())
      h.Element("a", {{"href", WithQuery("/alerts", base)}, {"rel", "first"}},
                page.T("list.first"));
    if (results->next_cursor) {
      base.emplace_back("cursor", *results->next_cursor);
      h.Element("a", {{"href", WithQuery("/alerts", base)}, {"rel", "next"}}, page.T("list.next"));
    }
  });
}

}  // namespace soj::dashboards
