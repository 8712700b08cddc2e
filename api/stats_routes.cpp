// GET /api/v1/stats/{detentions,impunity,alerts,replies}: the SPEC's statistics, from the
// in-memory StatsEngine, as JSON or (Accept: text/csv, or format=csv) as CSV with the same
// numbers. Every answer states the as_of date and country it was computed for.

#include <boost/json.hpp>
#include <charconv>
#include <cstdio>

#include "api/api.hpp"
#include "api/caching.hpp"
#include "api/list_query.hpp"
#include "api/response_cache.hpp"
#include "api/responses.hpp"
#include "tracker/alert_csv.hpp"
#include "tracker/stats_engine.hpp"

namespace soj::api {
namespace {

namespace json = boost::json;
using tracker::FieldErrors;

constexpr std::size_t kMaxSeriesPoints = 1200;

// The query parameters of a stats route: every key must be one the route knows.
class StatsQuery {
 public:
  StatsQuery(boost::urls::params_view query, std::initializer_list<std::string_view> known)
      : query_(query) {
    for (const auto& param : query)
      if (param.key != "format" &&
          std::find(known.begin(), known.end(), std::string_view(param.key)) == known.end())
        errors.Add(std::string(param.key), "is not a parameter of this statistic");
  }

  std::optional<std::string> Get(std::string_view key) const {
    std::optional<std::string> value;
    for (const auto& param : query_)
      if (param.key == key) value = std::string(param.value);
    return value;
  }

  std::optional<tracker::Date> GetDate(std::string_view key) {
    auto text = Get(key);
    if (!text) return std::nullopt;
    auto date = tracker::Date::Parse(*text);
    if (!date) errors.Add(std::string(key), "must be a date YYYY-MM-DD");
    return date;
  }

  // A date not after today; today when absent.
  tracker::Date AsOf(tracker::Date today) {
    auto date = GetDate("as_of");
    if (date && *date > today)
      errors.Add("as_of", "must not be after today (" + today.ToString() +
                              "): statistics describe what has happened");
    return date.value_or(today);
  }

  std::optional<std::string> Country() {
    auto country = Get("country");
    if (country && tracker::FindCountry(*country) == nullptr) {
      errors.Add("country", "must be an ISO code of a country in scope (see /api/v1/countries)");
      return std::nullopt;
    }
    return country;
  }

  FieldErrors errors;

 private:
  boost::urls::params_view query_;
};

HttpResponse BadQuery(FieldErrors& errors) {
  return ErrorResponse(tracker::Error{
      tracker::ErrorKind::kBadRequest, "the query string has errors", errors.Take(), {}});
}

bool WantsCsv(const RequestContext& ctx) {
  for (const auto& param : ctx.query)
    if (param.key == "format") return param.value == "csv";
  return ctx.request.Header("Accept").find("text/csv") != std::string_view::npos;
}

// The format parameter must be json or csv when given.
bool BadFormat(const RequestContext& ctx, FieldErrors& errors) {
  for (const auto& param : ctx.query)
    if (param.key == "format" && param.value != "csv" && param.value != "json") {
      errors.Add("format", "must be json or csv");
      return true;
    }
  return false;
}

HttpResponse Answer(const RequestContext& ctx, const json::value& body,
                    const std::function<std::string()>& csv) {
  HttpResponse response;
  if (WantsCsv(ctx)) {
    response.Set("Content-Type", "text/csv; charset=utf-8");
    response.body = csv();
  } else {
    response = JsonResponse(200, body);
  }
  response.Set("Vary", "Authorization, Accept");
  return response;
}

// Builds one CSV line from cells, each escaped and neutralised (tracker/alert_csv.hpp).
std::string CsvLine(std::initializer_list<std::string> cells) {
  std::string line;
  bool first = true;
  for (const std::string& cell : cells) {
    if (!first) line.push_back(',');
    first = false;
    tracker::AppendCsvField(&line, cell);
  }
  return line + "\r\n";
}

json::value NullableString(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

// Medians are whole days or halves (the mean of the two middle delays).
std::string FormatDays(double days) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", days);
  return buffer;
}

std::string FormatRate(double rate) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", rate);
  return buffer;
}

class StatsRoutes {
 public:
  explicit StatsRoutes(tracker::Platform& platform) : platform_(platform) {}

  HttpResponse Detentions(RequestContext& ctx) {
    StatsQuery q(ctx.query, {"as_of", "country", "series", "from", "to"});
    BadFormat(ctx, q.errors);
    const tracker::Date today = platform_.clock().Today();
    auto country = q.Country();
    auto series = q.Get("series");
    if (!series) {
      for (std::string_view key : {"from", "to"})
        if (q.Get(key)) q.errors.Add(std::string(key), "is only taken with series=month|year");
      const tracker::Date as_of = q.AsOf(today);
      if (!q.errors.empty()) return BadQuery(q.errors);
      tracker::DetentionCount count = platform_.stats().CountDetainedOn(as_of, country);
      json::object by_country;
      for (const auto& [code, n] : count.by_country) by_country[code] = n;
      json::object body{{"as_of", as_of.ToString()},
                        {"country", NullableString(country)},
                        {"total", count.total},
                        {"by_country", std::move(by_country)}};
      return Answer(ctx, body, [&] {
        std::string csv = "as_of,country,count\r\n";
        for (const auto& [code, n] : count.by_country)
          csv += CsvLine({as_of.ToString(), code, std::to_string(n)});
        csv += CsvLine({as_of.ToString(), "total", std::to_string(count.total)});
        return csv;
      });
    }

    if (q.Get("as_of")) q.errors.Add("as_of", "is not taken with series; use from and to");
    tracker::SeriesPeriod period = tracker::SeriesPeriod::kMonth;
    if (*series == "year")
      period = tracker::SeriesPeriod::kYear;
    else if (*series != "month")
      q.errors.Add("series", "must be month or year");
    const tracker::Date to = q.GetDate("to").value_or(today);
    if (to > today) q.errors.Add("to", "must not be after today (" + today.ToString() + ")");
    // Default span: the last twelve months, or the last ten years.
    tracker::Date default_from =
        period == tracker::SeriesPeriod::kMonth
            ? *tracker::Date::FromYmd(to.year() - 1, static_cast<unsigned>(to.ymd().month()), 1)
            : *tracker::Date::FromYmd(to.year() - 9, 1, 1);
    const tracker::Date from = q.GetDate("from").value_or(default_from);
    if (from > to) q.errors.Add("from", "must not be after to");
    const int64_t span_days = int64_t{to.days()} - from.days();
    if (period == tracker::SeriesPeriod::kMonth && span_days / 28 > int64_t{kMaxSeriesPoints})
      q.errors.Add("from", "a monthly series is limited to " + std::to_string(kMaxSeriesPoints) +
                               " points; use series=year");
    if (!q.errors.empty()) return BadQuery(q.errors);
    auto points = platform_.stats().DetentionSeries(period, from, to, country);
    json::array list;
    for (const auto& point : points)
      list.push_back(json::object{{"date", point.date.ToString()}, {"count", point.count}});
    json::object body{{"series", *series},
                      {"from", from.ToString()},
                      {"to", to.ToString()},
                      {"country", NullableString(country)},
                      {"points", std::move(list)}};
    return Answer(ctx, body, [&] {
      std::string csv = "date,count\r\n";
      for (const auto& point : points)
        csv += CsvLine({point.date.ToString(), std::to_string(point.count)});
      return csv;
    });
  }

  HttpResponse Impunity(RequestContext& ctx) {
    StatsQuery q(ctx.query, {"as_of", "country"});
    BadFormat(ctx, q.errors);
    const tracker::Date as_of = q.AsOf(platform_.clock().Today());
    auto country = q.Country();
    if (!q.errors.empty()) return BadQuery(q.errors);
    tracker::ImpunityReport report = platform_.stats().Impunity(as_of, country);
    json::object by_country;
    for (const auto& [code, n] : report.by_country) by_country[code] = n;
    json::array cases;
    std::string csv = "id,title,country,since,justice,victims\r\n";
    for (const auto& c : report.cases) {
      // Names and titles come from the documents, as the public may see them.
      auto alert = platform_.alerts().Get(tracker::Principal::Public(), c.id);
      std::string title;
      json::array victims;
      std::string victim_cell;
      if (alert) {
        title = alert->content.title;
        for (const auto& v : alert->content.victims) {
          if (v.kind == tracker::VictimKind::kMediaOutlet && !v.killed_on) continue;
          const bool shown = tracker::ShowsIdentity(v, tracker::AlertView{});
          std::string name = shown ? v.name : "(name withheld)";
          victims.push_back(shown ? json::value(v.name) : json::value(nullptr));
          victim_cell += (victim_cell.empty() ? "" : "; ") + name;
        }
      }
      cases.push_back(json::object{{"id", c.id},
                                   {"title", title},
                                   {"country", c.country},
                                   {"victims", std::move(victims)},
                                   {"since", c.since.ToString()},
                                   {"justice", tracker::ToString(c.justice)}});
      csv += CsvLine({std::to_string(c.id), title, c.country, c.since.ToString(),
                      std::string(tracker::ToString(c.justice)), victim_cell});
    }
    json::object body{{"as_of", as_of.ToString()},
                      {"country", NullableString(country)},
                      {"total", report.total},
                      {"by_country", std::move(by_country)},
                      {"by_justice", json::object{{"none", report.justice_none},
                                                  {"partial", report.justice_partial}}},
                      {"cases", std::move(cases)}};
    return Answer(ctx, body, [&] { return csv; });
  }

  HttpResponse Alerts(RequestContext& ctx) {
    // The list filters, parsed as the list parses them, plus group_by.
    FieldErrors errors;
    BadFormat(ctx, errors);
    std::vector<tracker::CountDimension> group_by;
    std::vector<std::string> names;
    for (const auto& param : ctx.query) {
      if (param.key == "sort" || param.key == "limit" || param.key == "cursor" || param.key == "q")
        errors.Add(std::string(param.key), "is not a parameter of this statistic");
      if (param.key != "group_by") continue;
      std::string_view rest = param.value;
      while (!rest.empty()) {
        std::size_t comma = rest.find(',');
        std::string_view name = rest.substr(0, comma);
        auto dim = DimensionOf(name);
        if (!dim) {
          errors.Add("group_by",
                     "must list year, country, category, level, threat_source or status");
        } else if (std::find(group_by.begin(), group_by.end(), *dim) == group_by.end()) {
          group_by.push_back(*dim);
          names.emplace_back(name);
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    }
    auto request = ParseListQuery(ctx.query, {"group_by", "format", "as_of"});
    if (!request)
      for (const auto& e : request.error().fields)
        if (e.field != "sort" && e.field != "limit" && e.field != "cursor" && e.field != "q")
          errors.Add(e.field, e.message);
    StatsQuery q(ctx.query, {"as_of"});  // only for as_of: ParseListQuery judged the rest
    const tracker::Date as_of = q.AsOf(platform_.clock().Today());
    for (const auto& e : q.errors.Take())
      if (e.field == "as_of") errors.Add(e.field, e.message);
    if (!errors.empty()) return BadQuery(errors);

    auto rows = platform_.stats().CountAlerts(group_by, request->filter, as_of);
    json::array list;
    std::string csv;
    for (const auto& name : names) csv += name + ",";
    csv += "count\r\n";
    for (const auto& row : rows) {
      json::object out;
      std::string line;
      auto cell = [&](std::string_view key, json::value value, std::string text) {
        out[key] = std::move(value);
        if (!line.empty()) line.push_back(',');
        tracker::AppendCsvField(&line, text);
      };
      for (auto dim : group_by) {
        switch (dim) {
          case tracker::CountDimension::kYear:
            cell("year", *row.year, std::to_string(*row.year));
            break;
          case tracker::CountDimension::kCountry:
            cell("country", json::value(*row.country), *row.country);
            break;
          case tracker::CountDimension::kCategory:
            cell("category", json::value(tracker::ToString(*row.category)),
                 std::string(tracker::ToString(*row.category)));
            break;
          case tracker::CountDimension::kLevel:
            cell("level", *row.level, std::to_string(*row.level));
            break;
          case tracker::CountDimension::kThreatSource:
            cell("threat_source", json::value(tracker::ToString(*row.threat_source)),
                 std::string(tracker::ToString(*row.threat_source)));
            break;
          case tracker::CountDimension::kStatus:
            cell("status", json::value(tracker::ToString(*row.status)),
                 std::string(tracker::ToString(*row.status)));
            break;
        }
      }
      cell("count", row.count, std::to_string(row.count));
      list.push_back(std::move(out));
      csv += line + "\r\n";
    }
    json::array dims;
    for (const auto& name : names) dims.emplace_back(name);
    json::object body{
        {"as_of", as_of.ToString()}, {"group_by", std::move(dims)}, {"rows", std::move(list)}};
    return Answer(ctx, body, [&] { return csv; });
  }

  HttpResponse Replies(RequestContext& ctx) {
    StatsQuery q(ctx.query, {"as_of", "country", "year"});
    BadFormat(ctx, q.errors);
    const tracker::Date as_of = q.AsOf(platform_.clock().Today());
    auto country = q.Country();
    std::optional<int> year;
    if (auto text = q.Get("year")) {
      int value = 0;
      auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
      if (ec != std::errc() || end != text->data() + text->size() || value < 1900 || value > 9999)
        q.errors.Add("year", "must be a year such as 2023");
      else
        year = value;
    }
    if (!q.errors.empty()) return BadQuery(q.errors);
    tracker::ReplyReport report = platform_.stats().Replies(country, year, as_of);
    auto row_json = [](const tracker::ReplyRow& row) {
      return json::object{
          {"country", NullableString(row.country)},
          {"year", row.year ? json::value(*row.year) : json::value(nullptr)},
          {"published", row.published},
          {"with_reply", row.with_reply},
          {"rate", row.rate},
          {"median_days", row.median_days ? json::value(*row.median_days) : json::value(nullptr)}};
    };
    auto row_csv = [](const tracker::ReplyRow& row, std::string country_cell,
                      std::string year_cell) {
      return CsvLine({std::move(country_cell), std::move(year_cell), std::to_string(row.published),
                      std::to_string(row.with_reply), FormatRate(row.rate),
                      row.median_days ? FormatDays(*row.median_days) : std::string()});
    };
    json::array rows;
    std::string csv = "country,year,published,with_reply,rate,median_days\r\n";
    for (const auto& row : report.rows) {
      rows.push_back(row_json(row));
      csv += row_csv(row, row.country.value_or(""), row.year ? std::to_string(*row.year) : "");
    }
    csv += row_csv(report.total, "total", "");
    json::object body{{"as_of", as_of.ToString()},
                      {"country", NullableString(country)},
                      {"year", year ? json::value(*year) : json::value(nullptr)},
                      {"rows", std::move(rows)},
                      {"total", row_json(report.total)}};
    return Answer(ctx, body, [&] { return csv; });
  }

 private:
  static std::optional<tracker::CountDimension> DimensionOf(std::string_view name) {
    using D = tracker::CountDimension;
    if (name == "year") return D::kYear;
    if (name == "country") return D::kCountry;
    if (name == "category") return D::kCategory;
    if (name == "level") return D::kLevel;
    if (name == "threat_source") return D::kThreatSource;
    if (name == "status") return D::kStatus;
    return std::nullopt;
  }

  tracker::Platform& platform_;
};

}  // namespace

void AddStatsRoutes(Router& router, const RouteDeps& deps) {
  auto routes = std::make_shared<StatsRoutes>(deps.platform);
  auto cache = std::make_shared<ResponseCache>();
  tracker::Platform& platform = deps.platform;
  // An answer depends on the question (QuerySubject: the parsed query and the caller's
  // rights; the Accept header may ask for CSV), today's date (the default as_of) and the
  // engine's state: kept until a commit has reached the engine, or the day changes. The ETag
  // is set here so a cached answer is not digested again.
  auto cached = [routes, cache, &platform](HttpResponse (StatsRoutes::*method)(RequestContext&)) {
    return [routes, cache, &platform, method](RequestContext& ctx) {
      const uint64_t sequence = platform.store().ObservedSequence();
      const std::string key = QuerySubject(
          ctx, "stats",
          std::string(WantsCsv(ctx) ? "csv " : "json ") + platform.clock().Today().ToString());
      if (auto hit = cache->Find(key, sequence)) return std::move(*hit);
      HttpResponse response = ((*routes).*method)(ctx);
      if (response.status != 200) return response;
      response.Set("ETag", BodyEtag(response.body));
      cache->Put(key, sequence, response);
      return response;
    };
  };
  router.Add(
      {"GET", "/api/v1/stats/detentions", "getDetentionStats", cached(&StatsRoutes::Detentions)});
  router.Add({"GET", "/api/v1/stats/impunity", "getImpunityStats", cached(&StatsRoutes::Impunity)});
  router.Add({"GET", "/api/v1/stats/alerts", "getAlertStats", cached(&StatsRoutes::Alerts)});
  router.Add({"GET", "/api/v1/stats/replies", "getReplyStats", cached(&StatsRoutes::Replies)});
}

}  // namespace soj::api
