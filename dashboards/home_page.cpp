// `/`: the overview. Every number is in a table; app.js draws the map and the chart from
// those tables when JavaScript runs.

#include <algorithm>
#include <array>
#include <map>

#include "dashboards/pages.hpp"
#include "tracker/reference_data.hpp"

namespace soj::dashboards {
namespace {

using tracker::CountDimension;

void KeyFigures(const Page& page, Html& h) {
  auto& stats = page.platform().stats();
  const tracker::Date today = page.Today();
  const tracker::DetentionCount detained = stats.CountDetainedOn(today, std::nullopt);
  const tracker::ImpunityReport impunity = stats.Impunity(today, std::nullopt);
  auto section = h.Open("section", {{"class", "figures"}, {"aria-labelledby", "figures-h"}});
  h.Element("h2", {{"id", "figures-h"}}, page.Tf("home.figures", {{"date", page.Date(today)}}));
  {
    auto dl = h.Open("dl", {{"class", "key-figures"}});
    {
      auto div = h.Open("div", {{"id", "detained-total"}});
      h.Element("dt", page.T("home.detained"));
      h.Element("dd", page.Number(detained.total));
    }
    {
      auto div = h.Open("div", {{"id", "impunity-total"}});
      h.Element("dt", page.T("home.impunity"));
      h.Element("dd", page.Number(impunity.total));
    }
  }
  std::vector<std::pair<std::string, uint64_t>> top(detained.by_country.begin(),
                                                    detained.by_country.end());
  std::sort(top.begin(), top.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  if (top.size() > 5) top.resize(5);
  auto table = h.Open("table", {{"id", "detained-by-country"}});
  h.Element("caption", page.T("home.detained_top"));
  {
    auto thead = h.Open("thead");
    auto tr = h.Open("tr");
    h.Element("th", {{"scope", "col"}}, page.T("field.country"));
    h.Element("th", {{"scope", "col"}}, page.T("home.detained_count"));
  }
  auto tbody = h.Open("tbody");
  for (const auto& [code, count] : top) {
    auto tr = h.Open("tr");
    {
      auto th = h.Open("th", {{"scope", "row"}});
      h.Element("a", {{"href", "/alerts?country=" + code + "&category=detention"}},
                page.CountryName(code));
    }
    h.Element("td", page.Number(count));
  }
}

void AlertsByCountry(const Page& page, Html& h) {
  const std::array dims = {CountDimension::kCountry};
  const auto rows = page.platform().stats().CountAlerts(dims, tracker::AlertFilter{});
  std::map<std::string, uint64_t> counts;
  for (const auto& row : rows)
    if (row.country) counts[*row.country] = row.count;
  auto section = h.Open("section", {{"aria-labelledby", "map-h"}});
  h.Element("h2", {{"id", "map-h"}}, page.T("home.map"));
  if (HaveAsset("countries-110m.json"))
    h.Element("div",
              {{"class", "map"},
               {"data-map-table", "alerts-by-country"},
               {"data-topology", AssetUrl("countries-110m.json")},
               {"aria-hidden", "true"}},
              "");
  auto details = h.Open("details", {{"class", "data-table"}, Flag("open")});
  h.Element("summary", page.T("home.map_table"));
  auto table = h.Open("table", {{"id", "alerts-by-country"}, {"class", "compact"}});
  {
    auto thead = h.Open("thead");
    auto tr = h.Open("tr");
    h.Element("th", {{"scope", "col"}}, page.T("field.country"));
    h.Element("th", {{"scope", "col"}}, page.T("home.alert_count"));
  }
  auto tbody = h.Open("tbody");
  for (const tracker::Country& country : tracker::Countries()) {
    const uint64_t count =
        counts.contains(std::string(country.code)) ? counts[std::string(country.code)] : 0;
    const std::string code(country.code);
    auto tr = h.Open("tr", {{"data-country", code}, {"data-value", std::to_string(count)}});
    {
      auto th = h.Open("th", {{"scope", "row"}});
      h.Element("a", {{"href", "/alerts?country=" + code}}, page.CountryName(code));
    }
    h.Element("td", page.Number(count));
  }
}

void AlertsByYear(const Page& page, Html& h) {
  const std::array dims = {CountDimension::kYear, CountDimension::kCategory};
  const auto rows = page.platform().stats().CountAlerts(dims, tracker::AlertFilter{});
  std::map<int, std::array<uint64_t, 5>> by_year;
  for (const auto& row : rows)
    if (row.year && row.category)
      by_year[*row.year][static_cast<std::size_t>(*row.category)] = row.count;
  auto section = h.Open("section", {{"aria-labelledby", "years-h"}});
  h.Element("h2", {{"id", "years-h"}}, page.T("home.by_year"));
  h.Element("div",
            {{"class", "chart"},
             {"data-chart-table", "alerts-by-year"},
             {"data-chart-type", "stacked"},
             {"aria-hidden", "true"}},
            "");
  auto table = h.Open("table", {{"id", "alerts-by-year"}});
  {
    auto thead = h.Open("thead");
    auto tr = h.Open("tr");
    h.Element("th", {{"scope", "col"}}, page.T("field.year"));
    for (std::string_view name : tracker::kCategoryNames)
      h.Element("th", {{"scope", "col"}}, page.T("category." + std::string(name)));
  }
  auto tbody = h.Open("tbody");
  for (const auto& [year, counts] : by_year) {
    auto tr = h.Open("tr");
    h.Element("th", {{"scope", "row"}}, std::to_string(year));
    for (uint64_t count : counts)
      h.Element("td", {{"data-value", std::to_string(count)}}, page.Number(count));
  }
}

void LatestAlerts(const Page& page, Html& h) {
  tracker::ListRequest request;
  request.limit = 10;
  request.count_total = false;
  auto latest = page.platform().alerts().List(tracker::Principal::Public(), request);
  auto section = h.Open("section", {{"aria-labelledby", "latest-h"}});
  h.Element("h2", {{"id", "latest-h"}}, page.T("home.latest"));
  if (latest) AlertList(page, h, latest->items);
  auto p = h.Open("p");
  h.Element("a", {{"href", "/alerts"}}, page.T("home.all_alerts"));
}

}  // namespace

api::HttpResponse HomePage(Page& page) {
  return RenderPage(page, 200, page.T("home.title"),
                    [&](Html& h) {
                      h.Element("p", {{"class", "lead"}}, page.T("home.lead"));
                      KeyFigures(page, h);
                      AlertsByCountry(page, h);
                      AlertsByYear(page, h);
                      LatestAlerts(page, h);
                    },
                    {"map-libs.js", "chart.umd.js", "app.js"});
}

}  // namespace soj::dashboards
