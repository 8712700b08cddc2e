#pragma once
// AddPageRoutes: the HTML pages and their static assets, added to the API's route table
// (tools/server/main.cpp passes it as ApiOptions::extra_routes).

#include "api/api.hpp"

namespace soj::dashboards {

void AddPageRoutes(api::Router& router, const api::RouteDeps& deps);

}  // namespace soj::dashboards
