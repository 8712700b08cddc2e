#include "api/list_query.hpp"

#include <charconv>

#include "tracker/reference_data.hpp"
#include "tracker/search_terms.hpp"

namespace soj::api {
namespace {

using tracker::FieldErrors;

template <class Enum, std::size_t N>
void ReadEnums(boost::urls::params_view query, std::string_view key,
               const std::array<std::string_view, N>& names, std::vector<Enum>* out,
               FieldErrors& errors) {
  ForEachValue(query, key, [&](std::string_view value) {
    if (auto parsed = tracker::EnumFromName<Enum>(value, names)) {
      out->push_back(*parsed);
    } else {
      std::string allowed;
      for (auto name : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
      errors.Add(std::string(key), "must be one of " + allowed);
    }
  });
}

std::optional<tracker::Date> ReadDate(boost::urls::params_view query, std::string_view key,
                                      FieldErrors& errors) {
  std::optional<tracker::Date> date;
  for (const auto& param : query) {
    if (param.key != key) continue;
    date = tracker::Date::Parse(param.value);
    if (!date) errors.Add(std::string(key), "must be a date YYYY-MM-DD");
  }
  return date;
}

constexpr std::array<std::string_view, 12> kKnown = {
    "country", "category", "level", "threat_source", "status", "partner",
    "from",    "to",       "sort",  "limit",         "cursor", "q"};

}  // namespace

tracker::Result<tracker::ListRequest> ParseListQuery(
    boost::urls::params_view query, std::initializer_list<std::string_view> also_known) {
  tracker::ListRequest request;
  FieldErrors errors;
  for (const auto& param : query) {
    const std::string_view key = param.key;
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end() &&
        std::find(also_known.begin(), also_known.end(), key) == also_known.end())
      errors.Add(std::string(key), "is not a filter of this list");
  }

  tracker::AlertFilter& f = request.filter;
  ForEachValue(query, "country", [&](std::string_view value) {
    if (tracker::FindCountry(value))
      f.countries.emplace_back(value);
    else
      errors.Add("country", "must be an ISO code of a country in scope (see /api/v1/countries)");
  });
  ReadEnums(query, "category", tracker::kCategoryNames, &f.categories, errors);
  ReadEnums(query, "threat_source", tracker::kThreatSourceNames, &f.threat_sources, errors);
  ReadEnums(query, "status", tracker::kStatusNames, &f.statuses, errors);
  ForEachValue(query, "level", [&](std::string_view value) {
    if (value == "1" || value == "2")
      f.levels.push_back(value[0] - '0');
    else
      errors.Add("level", "must be 1 or 2");
  });
  ForEachValue(query, "partner", [&](std::string_view value) { f.partners.emplace_back(value); });
  f.from = ReadDate(query, "from", errors);
  f.to = ReadDate(query, "to", errors);
  if (f.from && f.to && *f.from > *f.to) errors.Add("to", "must not be before from");

  bool sorted = false;
  for (const auto& param : query) {
    if (param.key == "sort") {
      sorted = true;
      if (param.value == "-incident_date")
        request.sort = tracker::SortOrder::kIncidentDateDesc;
      else if (param.value == "incident_date")
        request.sort = tracker::SortOrder::kIncidentDateAsc;
      else if (param.value == "-updated_at")
        request.sort = tracker::SortOrder::kUpdatedAtDesc;
      else
        errors.Add("sort", "must be -incident_date, incident_date or -updated_at");
    } else if (param.key == "limit") {
      std::string_view v = param.value;
      std::size_t limit = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), limit);
      if (ec != std::errc() || end != v.data() + v.size() || limit < 1 ||
          limit > tracker::kMaxPageSize)
        errors.Add("limit",
                   "must be a whole number from 1 to " + std::to_string(tracker::kMaxPageSize));
      else
        request.limit = limit;
    } else if (param.key == "cursor") {
      request.cursor = param.value;
    } else if (param.key == "q") {
      // Blank text searches nothing: the list is then the plain list. The text itself never
      // appears in an answer (it may be a name someone is looking for).
      std::string_view text = param.value;
      if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
      if (!request.text.empty())
        errors.Add("q", "must be given once");
      else
        request.text = text;
    }
  }
  // A search ranks by relevance unless a sort was asked for.
  request.by_relevance = !request.text.empty() && !sorted;
  // Checked here too (the search checks again), so that a refused query is answered at
  // once, without waiting for a search worker.
  if (!request.text.empty())
    if (auto checked = tracker::CheckSearchText(request.text); !checked)
      for (const auto& field : checked.error().fields) errors.Add(field.field, field.message);
  if (!errors.empty())
    return tracker::Error{
        tracker::ErrorKind::kBadRequest, "the query string has errors", errors.Take(), {}};
  return request;
}

}  // namespace soj::api
