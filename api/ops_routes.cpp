// /healthz, /readyz, /metrics and /api/v1/openapi.json: what operators and tools look at.

#include <boost/json.hpp>

#include "api/api.hpp"
#include "api/follower_routes.hpp"
#include "api/openapi_document.hpp"
#include "api/responses.hpp"

namespace soj::api {

namespace json = boost::json;

void AddOperationsRoutes(Router& router, const RouteDeps& deps) {
  Api& api = deps.api;
  tracker::Platform& platform = deps.platform;
  const bool public_metrics = deps.options.public_metrics;

  router.Add({"GET", "/healthz", "getHealth", [](RequestContext&) {
                HttpResponse response = JsonResponse(200, json::object{{"status", "ok"}});
                response.Set("Cache-Control", "no-store");
                return response;
              }});
  router.Add(
      {"GET", "/readyz", "getReadiness", [&api, &platform](RequestContext&) {
         // Searching may still wait for its index while everything else is served.
         const tracker::SearchIndex* search = platform.search();
         const char* search_state = search == nullptr    ? "off"
                                    : search->building() ? "building"
                                                         : "ready";
         // The table files are checked after start; the server stops on damage. The
         // problem itself (it names paths) goes to the log only.
         const storage::TableCheck* check = api.table_check();
         const auto store_state =
             check == nullptr ? storage::TableCheck::State::kStopped : check->state();
         json::object body{
             {"status", "ready"},
             {"search", search_state},
             {"store", check == nullptr ? "unchecked" : storage::TableCheckStateName(store_state)}};
         const bool in_step = AddReplicationReadiness(platform, body);
         const bool ready =
             api.ready() && store_state != storage::TableCheck::State::kDamaged && in_step;
         if (!ready) body["status"] = "not ready";
         HttpResponse response = JsonResponse(ready ? 200 : 503, body);
         response.Set("Cache-Control", "no-store");
         return response;
       }});
  router.Add(
      {"GET", "/metrics", "getMetrics", [&api, &platform, public_metrics](RequestContext& ctx) {
         if (!public_metrics && ctx.principal.role != tracker::Role::kAdmin)
           return ProblemResponse(ctx.principal.role == tracker::Role::kPublic ? 401 : 403,
                                  "metrics are restricted to admin tokens on this server");
         HttpResponse response;
         response.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
         response.Set("Cache-Control", "no-store");
         std::optional<std::size_t> search_pending;
         if (const tracker::SearchIndex* search = platform.search())
           search_pending = search->pending_changes();
         response.body = api.metrics().Render(platform.store(), search_pending);
         return response;
       }});
  router.Add({"GET", "/api/v1/openapi.json", "getOpenApi",
              [](RequestContext&) {
                HttpResponse response;
                response.Set("Content-Type", "application/json");
                response.Set("Cache-Control", "public, max-age=3600");
                response.body = std::string(OpenApiDocument());
                return response;
              },
              /*queues_writes=*/false, /*free_of_alert_content=*/true});
}

}  // namespace soj::api
