#pragma once
// The alert list's query string (SPEC: country, category, level, threat_source, status,
// partner, from, to, q, sort, limit, cursor) parsed into a typed ListRequest; `q` without
// `sort` ranks by relevance. Every filter may be repeated or comma-separated; unknown
// parameters are errors so typos do not widen a list.

#include <boost/url/params_view.hpp>

#include "tracker/alert_query.hpp"
#include "tracker/error.hpp"

namespace soj::api {

// kBadRequest naming each bad parameter, or the request. Keys in `also_known` belong to the
// caller and are neither parsed nor reported.
tracker::Result<tracker::ListRequest> ParseListQuery(
    boost::urls::params_view query, std::initializer_list<std::string_view> also_known = {});

}  // namespace soj::api
