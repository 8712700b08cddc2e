#pragma once
// The alert list's query string (SPEC: country, category, level, threat_source, status,
// partner, from, to, q, sort, limit, cursor) parsed into a typed ListRequest; `q` without
// `sort` ranks by relevance. Every filter may be repeated or comma-separated; unknown
// parameters are errors so typos do not widen a list.

#include <boost/url/params_view.hpp>

#include "tracker/alert_query.hpp"
#include "tracker/error.hpp"

namespace soj::api {

// Calls `each` for every comma-separated, non-empty value of every occurrence of `key`.
template <class Fn>
void ForEachValue(boost::urls::params_view query, std::string_view key, Fn&& each) {
  for (const auto& param : query) {
    if (param.key != key) continue;
    std::string_view rest = param.value;
    while (true) {
      std::size_t comma = rest.find(',');
      std::string_view value = rest.substr(0, comma);
      if (!value.empty()) each(value);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
}

// kBadRequest naming each bad parameter, or the request. Keys in `also_known` belong to the
// caller and are neither parsed nor reported.
tracker::Result<tracker::ListRequest> ParseListQuery(
    boost::urls::params_view query, std::initializer_list<std::string_view> also_known = {});

}  // namespace soj::api
