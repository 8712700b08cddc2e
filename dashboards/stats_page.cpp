// `/stats`: the analyst view. An as_of/country form (GET), then one table per statistic,
// each with its CSV from the API; app.js draws the detention series as a chart.

#include <array>

#include "dashboards/pages.hpp"
#include "tracker/reference_data.hpp"

namespace soj::dashboards {
namespace {

using tracker::CountDimension;
using tracker::Date;
using Params = std::vector<std::pair<std::string, std::string>>;

struct StatsScope {
  Date as_of;
  std::optional<std::string> country;
  bool bad_date = false;
  bool bad_country = false;
};

StatsScope ReadScope(const Page& page) {
  StatsScope scope{page.Today(), std::nullopt};
  if (const std::string text = page.Param("as_of"); !text.empty()) {
    auto date = Date::Parse(text);
    if (date && *date <= page.Today())
      scope.as_of = *date;
    else
      scope.bad_date = true;
  }
  if (const std::string code = page.Param("country"); !code.empty()) {
    if (tracker::FindCountry(code))
      scope.country = code;
    else
      scope.bad_country = true;
  }
  return scope;
}

void ScopeForm(const Page& page, Html& h, const StatsScope& scope) {
  auto form = h.Open("form", {{"class", "filters"}, {"method", "get"}, {"action", "/stats"}});
  {
    auto div = h.Open("div", {{"class", "field"}});
    h.Element("label", {{"for", "f-as-of"}}, page.T("stats.as_of"));
    h.Void("input", {{"id", "f-as-of"},
                     {"type", "date"},
                     {"name", "as_of"},
                     {"value", scope.as_of.ToString()},
                     {"max", page.Today().ToString()},
                     {"aria-describedby", "as-of-error", scope.bad_date}});
    if (scope.bad_date)
      h.Element("p", {{"class", "field-error"}, {"id", "as-of-error"}}, page.T("stats.bad_as_of"));
  }
  {
    auto div = h.Open("div", {{"class", "field"}});
    h.Element("label", {{"for", "f-country"}}, page.T("field.country"));
    auto select = h.Open("select", {{"id", "f-country"}, {"name", "country"}});
    h.Element("option", {{"value", ""}}, page.T("stats.all_countries"));
    for (const auto& country : tracker::Countries())
      h.Element(
          "option",
          {{"value", std::string(country.code)}, Flag("selected", scope.country == country.code)},
          page.CountryName(country.code));
  }
  h.Element("button", {{"type", "submit"}}, page.T("stats.show"));
}

Params WithScope(const StatsScope& scope, Params params, bool as_of = true) {
  if (as_of) params.emplace_back("as_of", scope.as_of.ToString());
  if (scope.country) params.emplace_back("country", *scope.country);
  params.emplace_back("format", "csv");
  return params;
}

void Head(Html& h, std::initializer_list<std::string> columns) {
  auto thead = h.Open("thead");
  auto tr = h.Open("tr");
  for (const auto& column : columns) h.Element("th", {{"scope", "col"}}, column);
}

void DetentionSeries(const Page& page, Html& h, const StatsScope& scope) {
  const auto ymd = scope.as_of.ymd();
  const Date from = *Date::FromYmd(static_cast<int>(ymd.year()) - 3, 1, 1);
  const auto series = page.platform().stats().DetentionSeries(tracker::SeriesPeriod::kMonth, from,
                                                              scope.as_of, scope.country);
  auto section = h.Open("section", {{"aria-labelledby", "series-h"}});
  h.Element("h2", {{"id", "series-h"}}, page.T("stats.series"));
  h.Element("div",
            {{"class", "chart"},
             {"data-chart-table", "detention-series"},
             {"data-chart-type", "line"},
             {"aria-hidden", "true"}},
            "");
  auto details = h.Open("details", {{"class", "data-table"}});
  h.Element("summary", page.T("stats.series_table"));
  CsvLink(page, h,
          WithQuery("/api/v1/stats/detentions", WithScope(scope,
                                                          {{"series", "month"},
                                                           {"from", from.ToString()},
                                                           {"to", scope.as_of.ToString()}},
                                                          false)));
  auto table = h.Open("table", {{"id", "detention-series"}, {"class", "compact"}});
  Head(h, {std::string(page.T("stats.date")), std::string(page.T("home.detained_count"))});
  auto tbody = h.Open("tbody");
  for (const auto& point : series) {
    auto tr = h.Open("tr");
    h.Element("th", {{"scope", "row"}, {"data-label", point.date.ToString()}},
              page.Date(point.date));
    h.Element("td", {{"data-value", std::to_string(point.count)}}, page.Number(point.count));
  }
}

void DetainedByCountry(const Page& page, Html& h, const StatsScope& scope) {
  const auto count = page.platform().stats().CountDetainedOn(scope.as_of, scope.country);
  auto section = h.Open("section", {{"aria-labelledby", "detained-h"}});
  h.Element("h2", {{"id", "detained-h"}},
            page.Tf("stats.detained_on",
                    {{"date", page.Date(scope.as_of)}, {"count", page.Number(count.total)}}));
  CsvLink(page, h, WithQuery("/api/v1/stats/detentions", WithScope(scope, {})));
  auto table = h.Open("table", {{"id", "detained-on"}});
  Head(h, {std::string(page.T("field.country")), std::string(page.T("home.detained_count"))});
  auto tbody = h.Open("tbody");
  for (const auto& [code, n] : count.by_country) {
    auto tr = h.Open("tr");
    h.Element("th", {{"scope", "row"}}, page.CountryName(code));
    h.Element("td", page.Number(n));
  }
}

void Impunity(const Page& page, Html& h, const StatsScope& scope) {
  const auto report = page.platform().stats().Impunity(scope.as_of, scope.country);
  auto section = h.Open("section", {{"aria-labelledby", "impunity-h"}});
  h.Element("h2", {{"id", "impunity-h"}},
            page.Tf("stats.impunity", {{"count", page.Number(report.total)}}));
  CsvLink(page, h, WithQuery("/api/v1/stats/impunity", WithScope(scope, {})));
  auto table = h.Open("table", {{"id", "impunity-cases"}});
  Head(h, {std::string(page.T("stats.alert")), std::string(page.T("field.country")),
           std::string(page.T("stats.since")), std::string(page.T("stats.justice"))});
  auto tbody = h.Open("tbody");
  for (const auto& c : report.cases) {
    auto tr = h.Open("tr");
    {
      auto th = h.Open("th", {{"scope", "row"}});
      h.Element("a", {{"href", "/alerts/" + std::to_string(c.id)}}, "#" + std::to_string(c.id));
    }
    h.Element("td", page.CountryName(c.country));
    h.Element("td", page.Date(c.since));
    h.Element("td", page.T("justice." + std::string(tracker::ToString(c.justice))));
  }
}

void Replies(const Page& page, Html& h, const StatsScope& scope) {
  const auto report = page.platform().stats().Replies(scope.country, std::nullopt);
  auto section = h.Open("section", {{"aria-labelledby", "replies-h"}});
  h.Element("h2", {{"id", "replies-h"}}, page.T("stats.replies"));
  Params params;
  if (scope.country) params.emplace_back("country", *scope.country);
  params.emplace_back("format", "csv");
  CsvLink(page, h, WithQuery("/api/v1/stats/replies", params));
  auto table = h.Open("table", {{"id", "reply-rates"}});
  Head(h, {std::string(page.T("field.country")), std::string(page.T("field.year")),
           std::string(page.T("stats.published")), std::string(page.T("stats.with_reply")),
           std::string(page.T("stats.rate")), std::string(page.T("stats.median_days"))});
  auto tbody = h.Open("tbody");
  auto row = [&](const tracker::ReplyRow& r, bool total) {
    auto tr = h.Open("tr", {{"class", "total", total}});
    h.Element(
        "th", {{"scope", "row"}},
        total ? std::string(page.T("stats.total")) : page.CountryName(r.country.value_or("")));
    h.Element("td", r.year ? std::to_string(*r.year) : std::string());
    h.Element("td", page.Number(r.published));
    h.Element("td", page.Number(r.with_reply));
    h.Element("td", FormatPercent(page.lang, r.rate));
    h.Element("td", r.median_days ? FormatDecimal(page.lang, *r.median_days) : "—");
  };
  for (const auto& r : report.rows) row(r, false);
  row(report.total, true);
}

void Breakdown(const Page& page, Html& h, const StatsScope& scope, CountDimension dim,
               std::string_view group, std::string_view heading_key) {
  tracker::AlertFilter filter;
  filter.to = scope.as_of;
  if (scope.country) filter.countries = {*scope.country};
  const std::array dims = {dim};
  const auto rows = page.platform().stats().CountAlerts(dims, filter);
  const std::string id = "by-" + std::string(group);
  auto section = h.Open("section", {{"aria-labelledby", id + "-h"}});
  h.Element("h2", {{"id", id + "-h"}}, page.T(heading_key));
  Params params{{"group_by", std::string(group)}, {"to", scope.as_of.ToString()}};
  if (scope.country) params.emplace_back("country", *scope.country);
  params.emplace_back("format", "csv");
  CsvLink(page, h, WithQuery("/api/v1/stats/alerts", params));
  auto table = h.Open("table", {{"id", id}, {"class", "compact"}});
  Head(h, {std::string(page.T(heading_key)), std::string(page.T("home.alert_count"))});
  auto tbody = h.Open("tbody");
  for (const auto& r : rows) {
    std::string label;
    if (r.category) label = page.T("category." + std::string(tracker::ToString(*r.category)));
    if (r.level) label = page.T("level." + std::to_string(*r.level));
    if (r.threat_source)
      label = page.T("threat." + std::string(tracker::ToString(*r.threat_source)));
    auto tr = h.Open("tr");
    h.Element("th", {{"scope", "row"}}, label);
    h.Element("td", page.Number(r.count));
  }
}

}  // namespace

api::HttpResponse StatsPage(Page& page) {
  const StatsScope scope = ReadScope(page);
  return RenderPage(
      page, 200, page.T("stats.title"),
      [&](Html& h) {
        h.Element(
            "p", {{"class", "lead"}},
            page.Tf("stats.lead",
                    {{"date", page.Date(scope.as_of)},
                     {"country", scope.country ? page.CountryName(*scope.country)
                                               : std::string(page.T("stats.all_countries"))}}));
        ScopeForm(page, h, scope);
        DetentionSeries(page, h, scope);
        DetainedByCountry(page, h, scope);
        Impunity(page, h, scope);
        Replies(page, h, scope);
        Breakdown(page, h, scope, CountDimension::kCategory, "category", "stats.by_category");
        Breakdown(page, h, scope, CountDimension::kLevel, "level", "stats.by_level");
        Breakdown(page, h, scope, CountDimension::kThreatSource, "threat_source",
                  "stats.by_threat");
      },
      {"chart.umd.js", "app.js"});
}

}  // namespace soj::dashboards
