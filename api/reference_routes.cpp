// GET /api/v1/countries, /categories, /partners: the reference data.

#include <boost/json.hpp>

#include "api/api.hpp"
#include "api/responses.hpp"
#include "tracker/reference_data.hpp"

namespace soj::api {

namespace json = boost::json;

// Reference data changes rarely and names no one: caches may keep it for an hour.
constexpr std::string_view kReferenceCacheControl = "public, max-age=3600";

namespace {
HttpResponse Cached(json::array items) {
  HttpResponse response = JsonResponse(200, json::object{{"items", std::move(items)}});
  response.Set("Cache-Control", std::string(kReferenceCacheControl));
  return response;
}
}  // namespace

void AddReferenceRoutes(Router& router, const RouteDeps& deps) {
  router.Add({"GET", "/api/v1/countries", "listCountries",
              [](RequestContext&) {
                json::array items;
                for (const auto& c : tracker::Countries())
                  items.push_back(json::object{{"code", c.code},
                                               {"name", c.name},
                                               {"member", c.member},
                                               {"monitored_since", c.monitored_since}});
                return Cached(std::move(items));
              },
              /*queues_writes=*/false, /*free_of_alert_content=*/true});
  router.Add({"GET", "/api/v1/categories", "listCategories",
              [](RequestContext&) {
                json::array items;
                for (const auto& c : tracker::Categories())
                  items.push_back(json::object{{"id", tracker::ToString(c.category)},
                                               {"description", c.description}});
                return Cached(std::move(items));
              },
              /*queues_writes=*/false, /*free_of_alert_content=*/true});
  tracker::PartnerDirectory& partners = deps.platform.partners();
  router.Add({"GET", "/api/v1/partners", "listPartners",
              [&partners](RequestContext&) {
                json::array items;
                for (const auto& p : partners.All())
                  items.push_back(json::object{{"id", p.id}, {"name", p.name}});
                return Cached(std::move(items));
              },
              /*queues_writes=*/false, /*free_of_alert_content=*/true});
}

}  // namespace soj::api
